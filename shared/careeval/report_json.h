#pragma once
// JSON views of a merged state and a score report: what `careeval score` prints, what the server's
// team view returns and what golden tests compare. Keys are stable and ordered.

#include "merge.h"
#include "scoring.h"

#include <nlohmann/json_fwd.hpp>

namespace careeval {

nlohmann::json stateToJson(const InspectionState &state);
nlohmann::json reportToJson(const ScoreReport &report, const Template &tpl);

} // namespace careeval
