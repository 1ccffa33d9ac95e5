import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /--- dlio-parquet(-maven-plugin)?:[^:]+:validate/
assert log =~ /--- dlio-parquet(-maven-plugin)?:[^:]+:datagen/
assert log =~ /--- dlio-parquet(-maven-plugin)?:[^:]+:run/
assert new File(basedir, 'target/dlio-data/train').list().length == 8
def summary = new JsonSlurper().parse(new File(basedir, 'target/dlio-parquet/summary.json'))
assert summary.metric.train_au_meet_expectation == 'success'
return true
