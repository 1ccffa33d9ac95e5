def log = new File(basedir, 'build.log').text
assert log.contains('dataset.num_files_trian: unknown key; did you mean dataset.num_files_train? (workload.yaml line 5)')
assert !new File(basedir, 'target/data').exists()
return true
