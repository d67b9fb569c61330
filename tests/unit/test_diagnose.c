/*
 * A model answer against the offline engine's: a model that departs from strong evidence,
 * or asks for an infrastructure action without infrastructure evidence, does not act.
 */
#include "common.h"
#include "harness.h"
#include "core/diagnose.h"
#include "util/alloc.h"

static struct diagnosis make(enum category c, int blame, enum confidence conf, enum remediation r,
			     const char *action)
{
	struct diagnosis d = {0};

	d.engine = "test";
	d.category = c;
	d.blame_pr = blame;
	d.confidence = conf;
	d.remediation = r;
	d.action = action ? xstrdup(action) : NULL;
	d.rationale = xstrdup("because");
	return d;
}

TEST(diagnose, a_model_that_agrees_or_refines_keeps_its_plan)
{
	struct diagnosis offline = make(CATEGORY_APPLICATION, 12, CONFIDENCE_HIGH, REMEDIATION_PR_ROLLBACK, NULL);
	struct diagnosis model = make(CATEGORY_APPLICATION, 12, CONFIDENCE_HIGH, REMEDIATION_CODE_FIX, NULL);

	diagnose_reconcile(&model, &offline);
	ASSERT_INT_EQ(model.remediation, REMEDIATION_CODE_FIX);
	diagnosis_release(&model);
	/* weak offline evidence: the model may name another culprit */
	offline.confidence = CONFIDENCE_LOW;
	model = make(CATEGORY_APPLICATION, 15, CONFIDENCE_MEDIUM, REMEDIATION_CODE_FIX, NULL);
	diagnose_reconcile(&model, &offline);
	ASSERT_INT_EQ(model.remediation, REMEDIATION_CODE_FIX);
	diagnosis_release(&model);
	diagnosis_release(&offline);
}

TEST(diagnose, a_model_that_departs_from_strong_evidence_escalates_showing_both)
{
	struct diagnosis offline = make(CATEGORY_APPLICATION, 12, CONFIDENCE_HIGH, REMEDIATION_CODE_FIX, NULL);
	struct diagnosis model = make(CATEGORY_INFRASTRUCTURE, 0, CONFIDENCE_HIGH,
				      REMEDIATION_INFRASTRUCTURE_ACTION, "restart-and-scale-out");

	diagnose_reconcile(&model, &offline);
	ASSERT_INT_EQ(model.remediation, REMEDIATION_ESCALATION);
	ASSERT(model.action == NULL);
	ASSERT_CONTAINS(model.rationale, "blame #12");
	ASSERT_CONTAINS(model.rationale, "restart-and-scale-out");
	diagnosis_release(&model);
	/* another culprit than the one the evidence convicts */
	model = make(CATEGORY_APPLICATION, 15, CONFIDENCE_HIGH, REMEDIATION_PR_ROLLBACK, NULL);
	diagnose_reconcile(&model, &offline);
	ASSERT_INT_EQ(model.remediation, REMEDIATION_ESCALATION);
	diagnosis_release(&model);
	diagnosis_release(&offline);
}

TEST(diagnose, no_infrastructure_action_without_infrastructure_evidence)
{
	struct diagnosis offline = make(CATEGORY_APPLICATION, 0, CONFIDENCE_LOW, REMEDIATION_ESCALATION, NULL);
	struct diagnosis model = make(CATEGORY_INFRASTRUCTURE, 0, CONFIDENCE_HIGH,
				      REMEDIATION_INFRASTRUCTURE_ACTION, "free-disk-space");

	diagnose_reconcile(&model, &offline);
	ASSERT_INT_EQ(model.remediation, REMEDIATION_ESCALATION);
	diagnosis_release(&model);
	/* with it, the model may act */
	diagnosis_release(&offline);
	offline = make(CATEGORY_INFRASTRUCTURE, 0, CONFIDENCE_MEDIUM, REMEDIATION_ESCALATION, NULL);
	model = make(CATEGORY_INFRASTRUCTURE, 0, CONFIDENCE_HIGH, REMEDIATION_INFRASTRUCTURE_ACTION,
		     "free-disk-space");
	diagnose_reconcile(&model, &offline);
	ASSERT_INT_EQ(model.remediation, REMEDIATION_INFRASTRUCTURE_ACTION);
	diagnosis_release(&model);
	diagnosis_release(&offline);
}
