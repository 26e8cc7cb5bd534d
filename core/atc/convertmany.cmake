# Convert many: a batch of models x SoCs x batch sizes (convertmany.h), its scan on workers, its queue (the
# conversion job machinery) and its report.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/convertmany.h ${CMAKE_CURRENT_LIST_DIR}/convertmany.cpp
    ${CMAKE_CURRENT_LIST_DIR}/convertmanyscan.h ${CMAKE_CURRENT_LIST_DIR}/convertmanyscan.cpp
    ${CMAKE_CURRENT_LIST_DIR}/convertmanyqueue.h ${CMAKE_CURRENT_LIST_DIR}/convertmanyqueue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/convertmanyreport.h ${CMAKE_CURRENT_LIST_DIR}/convertmanyreport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/convertmanysettings.h ${CMAKE_CURRENT_LIST_DIR}/convertmanysettings.cpp
)
