#pragma once

// What an AscendCL error code means, in a sentence that says what to do (codes from acl_base.h, ACL 1.10).

#include <string>

namespace omr {

struct AclErrorText {
    const char* name; // "ACL_ERROR_INVALID_FILE"; "UNKNOWN" for a code not in the table
    std::string message; // a clear sentence; for unknown codes it names the code's class
};

AclErrorText describeAclError(int code);

} // namespace omr
