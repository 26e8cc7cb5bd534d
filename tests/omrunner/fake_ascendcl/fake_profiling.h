#pragma once

#include <cstdint>

namespace fakeacl {

// Called by aclmdlExecute: writes this execution's op records to the model's subscription pipe, if any.
void profileExecution(std::uint32_t modelId);

} // namespace fakeacl
