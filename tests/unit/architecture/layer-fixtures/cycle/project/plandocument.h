#pragma once
#include "plan/labplan.h"
