def train = new File(basedir, 'target/data/train')
def valid = new File(basedir, 'target/data/valid')
assert train.list().sort() == ['img_0_of_4.npz', 'img_1_of_4.npz', 'img_2_of_4.npz', 'img_3_of_4.npz']
assert valid.list().sort() == ['img_0_of_2.npz', 'img_1_of_2.npz']
// 64 x 64 x 2 uint8 in a stored zip: DLIO's size for this workload
assert new File(train, 'img_0_of_4.npz').length() == 8698
def log = new File(basedir, 'build.log').text
assert log =~ /--- dlio-parquet(-maven-plugin)?:[^:]+:datagen \(default\)/
assert log.contains('dlio-parquet: wrote 6 files')
return true
