# Tests of the wasm build, run from Node: the modules against the native CLI,
# the typed API, the static server, the bad-input catalogue, the size budget,
# and both pages in Chromium.
find_program(NODE_EXECUTABLE node REQUIRED)
set(CQC_NATIVE_CLI "${CMAKE_SOURCE_DIR}/build/native/cqc-ratings" CACHE FILEPATH
    "The native CLI, for the byte-for-byte comparison (build the native preset first)")
# CQC's real API records, beside the clone as CI lays it out (the audit's tests read them).
set(CQC_SHARED_DATA_DIR "${CMAKE_SOURCE_DIR}/../shared/data" CACHE PATH "The shared data folder (../shared/data)")
set(test_env "CQC_SITE_DIR=${CQC_SITE_DIR}" "CQC_NATIVE_CLI=${CQC_NATIVE_CLI}" "CQC_SHARED_DATA=${CQC_SHARED_DATA_DIR}")

function(cqc_node_test name)
  add_test(NAME ${name} COMMAND "${NODE_EXECUTABLE}" ${ARGN} WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}")
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${test_env}")
endfunction()

cqc_node_test(wasm.module --test tests/wasm/module.test.mjs)
cqc_node_test(wasm.explorer --test tests/wasm/explorer.test.mjs)
cqc_node_test(wasm.assessment --test tests/wasm/assessment.test.mjs)
cqc_node_test(wasm.audit --test tests/wasm/audit.test.mjs)
cqc_node_test(wasm.api_types node_modules/typescript/bin/tsc -p tests/wasm/tsconfig.json)
cqc_node_test(wasm.npm_package --test tests/wasm/npm-package.test.mjs)
cqc_node_test(web.server --test tests/web/serve.test.mjs)
cqc_node_test(web.cache --test tests/web/cache.test.mjs)
cqc_node_test(bad_inputs --test tests/bad-inputs.test.mjs)
cqc_node_test(contract.schema --test tests/schema.test.mjs)
cqc_node_test(bench.reference --test bench/reference.test.mjs)
cqc_node_test(web.size_budget web/size-budget.mjs "${CQC_SITE_DIR}")
cqc_node_test(web.page --test --test-concurrency=1 tests/web/page.test.mjs)
cqc_node_test(web.explorer --test --test-concurrency=1 tests/web/explorer.test.mjs)
cqc_node_test(web.explainer --test --test-concurrency=1 tests/web/explainer.test.mjs)
cqc_node_test(web.audit --test --test-concurrency=1 tests/web/audit.test.mjs)
cqc_node_test(web.workbench --test --test-concurrency=1 tests/web/workbench.test.mjs)
# CTest runs in parallel (the presets' jobs); the two browser suites take turns
# with Chromium rather than starve each other of the machine's cores.
set_tests_properties(web.page web.explorer web.explainer web.audit web.workbench PROPERTIES TIMEOUT 300 RESOURCE_LOCK chromium)
