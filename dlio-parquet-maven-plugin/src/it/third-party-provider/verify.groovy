import groovy.json.JsonSlurper

def train = new File(basedir, 'target/data/train')
assert train.list().sort() == ['img_0_of_4.tinybin', 'img_1_of_4.tinybin', 'img_2_of_4.tinybin', 'img_3_of_4.tinybin']
// 4-byte header + 3 samples of 32 x 32 bytes
assert new File(train, 'img_2_of_4.tinybin').length() == 4 + 3 * 1024
def summary = new JsonSlurper().parse(new File(basedir, 'target/dlio-parquet/summary.json'))
assert summary.dlio_parquet.format == 'tinybin'
assert summary.dlio_parquet.train_storage_bytes == 4 * (4 + 3 * 1024)
return true
