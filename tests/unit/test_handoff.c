/*
 * The plan file (core/handoff.h) and the model transcript it carries (io/model.h):
 * written, read back, and refused with the file and the field named when it is not a
 * plan; inputs checked by hash; a moved conclusion said.
 */
#include "common.h"
#include "harness.h"
#include "core/handoff.h"
#include "io/model.h"
#include "util/jsonx.h"
#include "util/sys.h"

#define SHA_A "1111111111111111111111111111111111111111111111111111111111111111"

static char *write_text(const char *name, const char *text)
{
	char *path = sys_path_join(harness_tmpdir(), name);

	if (sys_write_file(path, text, strlen(text)) < 0)
		harness_fail(__FILE__, __LINE__, "cannot write %s", path);
	return path;
}

static json_t *entry(void)
{
	return json_pack("{s:s, s:i, s:s, s:s, s:{s:s}}", "schema", "diagnosis", "n", 1, "prompt", SHA_A,
			 "outcome", "ok", "answer", "category", "application");
}

TEST(handoff, written_plans_read_back)
{
	struct handoff h = HANDOFF_INIT, back = HANDOFF_INIT;
	char *alert = write_text("alert.json", "{\"title\": \"x\"}\n"), *logs = write_text("logs.txt", "a\nb\n");
	char *plan = sys_path_join(harness_tmpdir(), "deep/plan.json");
	json_t *res = json_pack("{s:s, s:s, s:i, s:s}", "incident_id", "INC-1", "category", "application",
				"blame_pr", 7, "remediation_type", "code_fix");

	ASSERT_OK(handoff_hash_inputs(&h, alert, logs));
	h.model_url = xstrdup("http://127.0.0.1:1/v1");
	h.transcript = json_pack("[o]", entry());
	handoff_conclude(&h, res);
	ASSERT_OK(handoff_write(plan, &h));
	ASSERT_OK(handoff_read(&back, plan));
	ASSERT_STR_EQ(back.incident_id, "INC-1");
	ASSERT_STR_EQ(back.model_url, "http://127.0.0.1:1/v1");
	ASSERT_INT_EQ(json_array_size(back.transcript), 1);
	ASSERT_OK(handoff_check_inputs(&back, alert, logs));
	ASSERT(handoff_moved(&back, res) == NULL);
	handoff_release(&back);
	handoff_release(&h);
	json_decref(res);
	free(alert);
	free(logs);
	free(plan);
}

TEST(handoff, other_inputs_are_refused)
{
	struct handoff h = HANDOFF_INIT;
	char *alert = write_text("alert.json", "{}"), *logs = write_text("logs.txt", "one\n");
	char *other = write_text("other.txt", "two\n");

	ASSERT_OK(handoff_hash_inputs(&h, alert, logs));
	ASSERT_INT_EQ(handoff_check_inputs(&h, alert, other), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "are not the ones the plan read");
	ASSERT_INT_EQ(handoff_check_inputs(&h, alert, NULL), ERR_INPUT);
	ASSERT_INT_EQ(handoff_check_inputs(&h, logs, logs), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "is not the one the plan read");
	err_clear();
	handoff_release(&h);
	free(alert);
	free(logs);
	free(other);
}

/* Each broken plan is refused, naming the field. */
TEST(handoff, broken_plans_name_the_field)
{
	static const struct {
		const char *text, *field;
	} cases[] = {
		{"[]", "format"},
		{"{\"format\": \"aiops-plan/2\"}", "format"},
		{"{\"format\": \"aiops-plan/1\", \"inputs\": {\"alert\": \"abc\"}}", "inputs.alert"},
		{"{\"format\": \"aiops-plan/1\", \"inputs\": {\"alert\": \"" SHA_A "\", \"logs\": 3}}", "inputs.logs"},
		{"{\"format\": \"aiops-plan/1\", \"inputs\": {\"alert\": \"" SHA_A "\", \"logs\": null}, "
		 "\"planned\": {}, \"transcript\": {}}", "transcript"},
		{"{\"format\": \"aiops-plan/1\", \"inputs\": {\"alert\": \"" SHA_A "\", \"logs\": null}, "
		 "\"planned\": {}, \"transcript\": [{\"schema\": \"d\", \"n\": 0}]}", "\"n\""},
		{"{\"format\": \"aiops-plan/1\", \"inputs\": {\"alert\": \"" SHA_A "\", \"logs\": null}, "
		 "\"planned\": {}, \"transcript\": [{\"schema\": \"d\", \"n\": 1, \"prompt\": \"zz\"}]}", "prompt"},
		{"{\"format\": \"aiops-plan/1\", \"inputs\": {\"alert\": \"" SHA_A "\", \"logs\": null}, "
		 "\"planned\": {}, \"transcript\": [{\"schema\": \"d\", \"n\": 1, \"prompt\": \"" SHA_A "\", "
		 "\"outcome\": \"ok\"}]}", "answer"},
		{"{\"format\": \"aiops-plan/1\", \"inputs\": {\"alert\": \"" SHA_A "\", \"logs\": null}, "
		 "\"planned\": {}, \"transcript\": [], \"model\": {\"url\": \"file:///etc/passwd\"}}", "model.url"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct handoff h = HANDOFF_INIT;
		char *path = write_text("plan.json", cases[i].text);

		ASSERT_INT_EQ(handoff_read(&h, path), ERR_INPUT);
		ASSERT_CONTAINS(err_last(), path);
		ASSERT_CONTAINS(err_last(), cases[i].field);
		err_clear();
		handoff_release(&h);
		free(path);
	}
}

TEST(handoff, a_moved_conclusion_is_said)
{
	struct handoff h = HANDOFF_INIT;
	json_t *planned = json_pack("{s:s, s:i, s:s}", "category", "application", "blame_pr", 7,
				    "remediation_type", "code_fix");
	json_t *now = json_pack("{s:s, s:n, s:s}", "category", "application", "blame_pr",
				"remediation_type", "escalation");
	char *moved;

	handoff_conclude(&h, planned);
	moved = handoff_moved(&h, now);
	ASSERT(moved != NULL);
	ASSERT_CONTAINS(moved, "blame_pr 7 -> null");
	ASSERT_CONTAINS(moved, "remediation_type \"code_fix\" -> \"escalation\"");
	ASSERT_NOT_CONTAINS(moved, "category");
	free(moved);
	handoff_release(&h);
	json_decref(planned);
	json_decref(now);
}

/* A replaying client answers from the transcript, and only for the prompt it was asked. */
TEST(handoff, replay_answers_only_the_recorded_prompt)
{
	struct model_config cfg = MODEL_CONFIG_INIT;
	struct model_message msg[] = {{"user", "hello"}};
	struct model_call call = {msg, 1, "diagnosis", NULL, 0};
	struct model_answer ans = MODEL_ANSWER_INIT;
	struct model_client *c = NULL;
	json_t *record = json_array();

	/* record: a client whose server is a closed port still records the failed call */
	cfg.base_url = xstrdup("http://127.0.0.1:9/v1");
	cfg.max_attempts = 1;
	cfg.timeout_ms = 2000;
	cfg.record = record;
	ASSERT_OK(model_client_new(&c, &cfg));
	ASSERT(model_chat(&ans, c, &call) < 0);
	model_answer_release(&ans);
	model_client_free(c);
	ASSERT_INT_EQ(json_array_size(record), 1);
	ASSERT_STR_EQ(jsonx_str(json_array_get(record, 0), "outcome"), "failed");
	ASSERT_OK(model_transcript_check(record, "test"));
	/* turn the recorded failure into an answer, then replay it */
	json_object_set_new(json_array_get(record, 0), "outcome", json_string("ok"));
	json_object_set_new(json_array_get(record, 0), "answer", json_pack("{s:s}", "k", "v"));
	cfg.record = NULL;
	cfg.replay = record;
	ASSERT_OK(model_client_new(&c, &cfg));
	ASSERT_OK(model_chat(&ans, c, &call));
	ASSERT_STR_EQ(jsonx_str(ans.json, "k"), "v");
	model_answer_release(&ans);
	ASSERT(model_chat(&ans, c, &call) < 0); /* a second call: nothing recorded for it */
	ASSERT_CONTAINS(err_last(), "#2");
	model_answer_release(&ans);
	model_client_free(c);
	msg[0].content = "hello, other evidence";
	ASSERT_OK(model_client_new(&c, &cfg));
	ASSERT(model_chat(&ans, c, &call) < 0);
	ASSERT_CONTAINS(err_last(), "the evidence changed since the plan");
	ASSERT_INT_EQ(ans.outcome, MODEL_FAILED);
	model_answer_release(&ans);
	model_client_free(c);
	err_clear();
	json_decref(record);
	model_config_release(&cfg);
}

/* Repair's plan: written and read back; another format, or a run of 0, is refused by name. */
TEST(handoff, repair_plans_read_back_and_broken_ones_are_named)
{
	struct handoff_repair h = {0}, back = {0};
	char *plan = sys_path_join(harness_tmpdir(), "repair/plan.json");
	char *other = write_text("not-repair.json", "{\"format\": \"aiops-plan/1\"}");
	char *zero = write_text("zero.json", "{\"format\": \"aiops-repair-plan/1\", \"pull_request\": 3, "
					     "\"run_id\": 0, \"model\": null, \"transcript\": []}");

	h.pr = 41;
	h.run_id = 8112;
	h.model_url = xstrdup("https://models.example/v1");
	h.prompt_tokens = 7000;
	h.transcript = json_pack("[o]", entry());
	h.planned = json_pack("{s:s}", "action", "planned");
	ASSERT_OK(handoff_repair_write(plan, &h));
	ASSERT_OK(handoff_repair_read(&back, plan));
	ASSERT_INT_EQ(back.pr, 41);
	ASSERT_INT_EQ(back.run_id, 8112);
	ASSERT_STR_EQ(back.model_url, "https://models.example/v1");
	ASSERT_INT_EQ(back.prompt_tokens, 7000);
	ASSERT_INT_EQ(json_array_size(back.transcript), 1);
	ASSERT_STR_EQ(jsonx_str(back.planned, "action"), "planned");
	handoff_repair_release(&back);
	ASSERT_ERR(handoff_repair_read(&back, other), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "not a repair plan");
	err_clear();
	ASSERT_ERR(handoff_repair_read(&back, zero), ERR_INPUT);
	ASSERT_CONTAINS(err_last(), "run_id");
	err_clear();
	handoff_repair_release(&back);
	handoff_repair_release(&h);
	free(plan);
	free(other);
	free(zero);
}

