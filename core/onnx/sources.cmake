# ONNX models: load, summarise, shape inference and folding, surgery, simplify, dim hints (onnx/protobuf stay private).
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/modelsummary.h ${CMAKE_CURRENT_LIST_DIR}/modelsummary.cpp
    ${CMAKE_CURRENT_LIST_DIR}/onnxmodel.h ${CMAKE_CURRENT_LIST_DIR}/onnxmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/onnxproto_p.h ${CMAKE_CURRENT_LIST_DIR}/dtype.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tensorbytes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/summarise_p.h ${CMAKE_CURRENT_LIST_DIR}/summarise.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphcheck.cpp
    ${CMAKE_CURRENT_LIST_DIR}/externaldatafiles.h ${CMAKE_CURRENT_LIST_DIR}/externaldatafiles.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wirestrip_p.h ${CMAKE_CURRENT_LIST_DIR}/wirestrip.cpp
    ${CMAKE_CURRENT_LIST_DIR}/summaryjson.h ${CMAKE_CURRENT_LIST_DIR}/summaryjson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphutil_p.h ${CMAKE_CURRENT_LIST_DIR}/graphutil.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shapespec.h ${CMAKE_CURRENT_LIST_DIR}/shapespec.cpp
    ${CMAKE_CURRENT_LIST_DIR}/foldtensor_p.h ${CMAKE_CURRENT_LIST_DIR}/foldtensor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tensorsource_p.h ${CMAKE_CURRENT_LIST_DIR}/tensorsource.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evaluator_p.h ${CMAKE_CURRENT_LIST_DIR}/evaluatorops_p.h
    ${CMAKE_CURRENT_LIST_DIR}/evaluator.cpp ${CMAKE_CURRENT_LIST_DIR}/evaluatorshape.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evaluatormath.cpp
    ${CMAKE_CURRENT_LIST_DIR}/folding_p.h ${CMAKE_CURRENT_LIST_DIR}/folding.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shapeinference.h ${CMAKE_CURRENT_LIST_DIR}/shapeinference_p.h
    ${CMAKE_CURRENT_LIST_DIR}/shapeinference.cpp ${CMAKE_CURRENT_LIST_DIR}/shapeverdict.cpp
    ${CMAKE_CURRENT_LIST_DIR}/shapeverdicttr_p.h
    ${CMAKE_CURRENT_LIST_DIR}/surgery.h ${CMAKE_CURRENT_LIST_DIR}/surgery.cpp ${CMAKE_CURRENT_LIST_DIR}/modelwriter_p.h
    ${CMAKE_CURRENT_LIST_DIR}/modelwriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cutproposal.h ${CMAKE_CURRENT_LIST_DIR}/cutproposal.cpp
    ${CMAKE_CURRENT_LIST_DIR}/simplify.h ${CMAKE_CURRENT_LIST_DIR}/simplify.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dimhints.h ${CMAKE_CURRENT_LIST_DIR}/dimhints.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modelloader.h ${CMAKE_CURRENT_LIST_DIR}/modelloader.cpp
)
