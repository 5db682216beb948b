#pragma once
// A plan header that reaches up into the project layer: the check must refuse it.
#include "project/plandocument.h"
