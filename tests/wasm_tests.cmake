# Tests of the wasm build, run from Node: the module against the native CLI,
# the typed API, the static server and the page in Chromium.
find_program(NODE_EXECUTABLE node REQUIRED)
set(CQC_NATIVE_CLI "${CMAKE_SOURCE_DIR}/build/native/cqc-ratings" CACHE FILEPATH
    "The native CLI, for the byte-for-byte comparison (build the native preset first)")
set(test_env "CQC_SITE_DIR=${CQC_SITE_DIR}" "CQC_NATIVE_CLI=${CQC_NATIVE_CLI}")

add_test(NAME wasm.module COMMAND "${NODE_EXECUTABLE}" --test tests/wasm/module.test.mjs
         WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
add_test(NAME wasm.api_types
         COMMAND "${NODE_EXECUTABLE}" node_modules/typescript/bin/tsc -p tests/wasm/tsconfig.json
         WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
add_test(NAME web.server COMMAND "${NODE_EXECUTABLE}" --test tests/web/serve.test.mjs
         WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
add_test(NAME web.page COMMAND "${NODE_EXECUTABLE}" --test --test-concurrency=1 tests/web/page.test.mjs
         WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
add_test(NAME bad_inputs COMMAND "${NODE_EXECUTABLE}" --test tests/bad-inputs.test.mjs
         WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
add_test(NAME web.size_budget COMMAND "${NODE_EXECUTABLE}" web/size-budget.mjs "${CQC_SITE_DIR}"
         WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
set_tests_properties(wasm.module wasm.api_types web.server web.page bad_inputs web.size_budget
                     PROPERTIES ENVIRONMENT "${test_env}")
set_tests_properties(web.page PROPERTIES TIMEOUT 300)
