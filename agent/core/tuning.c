#include "common.h"
#include "core/tuning.h"

const struct tuning tuning_defaults = {
	.blame_threshold = 0.40,
	.high_margin = 0.20,
	.window_hours = 72,
	.broad_files = 8,
	.broad_rollback_severity = 1,
	.broad_signatures = 3,
	.immediate_hours = 12.0,
	.capacity_hours = 96.0,
};
