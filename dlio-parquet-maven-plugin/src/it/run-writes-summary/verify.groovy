import groovy.json.JsonSlurper

def summary = new JsonSlurper().parse(new File(basedir, 'target/dlio-parquet/summary.json'))
assert summary.num_files_train == 8
assert summary.epochs == 2
assert summary.metric.train_au_percentage.size() == 2
assert summary.metric.train_throughput_mean_samples_per_second > 0
assert new File(basedir, 'target/dlio-parquet/0_per_epoch_stats.json').isFile()
assert new File(basedir, 'target/dlio-parquet/config.yaml').isFile()
def metrics = new File(basedir, 'target/metrics.txt').text
assert metrics ==~ /au=[0-9.E-]+ throughput=[0-9.E]+ met=(true|false)/
return true
