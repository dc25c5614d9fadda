#include "tests/unit/pipeline/pipeline_fixture.h"

using namespace pipeline_test;
