# wb_bench_profile (bench_profile.cpp): import of a generated 1,000,000-row op_summary against Python's csv module
# in the same run, and the profile overlay of a 20k-node model. A program to run by hand, not a ctest test.
add_executable(wb_bench_profile ${CMAKE_CURRENT_LIST_DIR}/bench_profile.cpp)
set_target_properties(wb_bench_profile PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
target_link_libraries(wb_bench_profile PRIVATE wb_core wb_project_options)
