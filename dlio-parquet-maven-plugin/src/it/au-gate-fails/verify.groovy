def log = new File(basedir, 'build.log').text
assert log =~ /AU expectation not met: [0-9.]+ % < 99\.00 % \(metric\.au\)/
assert new File(basedir, 'target/dlio-parquet/summary.json').isFile()
return true
