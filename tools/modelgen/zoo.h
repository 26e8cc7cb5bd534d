// `wb_modelgen --zoo N OUTDIR`: N small models in OUTDIR/group<i/10>/zoo<NNN>_<kind>.onnx for convert-many.
//   zoo000_corrupt       not a model (protobuf refuses it)
//   zoo001_needs_value   images [1, 3, mystery, 32]: no template fills "mystery"
//   zoo002_softplus      a Softplus on [batch, 3, 16, 16] (FAKE_ATC_UNSUPPORTED_OPS=Softplus makes ATC reject it)
//   then by index % 4:   static [1, 3, 32, 32] | dynamic_batch [batch, 3, 32, 32] |
//                        height_width [1, 3, height, width] | sequence [batch, sequence_length, 16]
#pragma once

#include <string>

namespace modelgen {

std::string zooModelName(int index);
void writeZoo(const std::string& dir, int count); // throws std::runtime_error when a file cannot be written

} // namespace modelgen
