#pragma once
// A folder nobody gave a layer.
#include "plan/labplan.h"
