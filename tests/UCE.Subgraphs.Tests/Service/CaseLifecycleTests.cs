using UCE.Subgraphs.Tests.Infrastructure;
using static UCE.Subgraphs.Tests.Service.CaseMutations;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>A case's life cycle through the service subgraph on PostgreSQL: defaults, SLA, every move, reopen window, survey.</summary>
public sealed class CaseLifecycleTests(ServiceClockFixture fixture) : IClassFixture<ServiceClockFixture>
{
    private GraphQLClient Agent => fixture.As(TestCallers.Agent);

    [Fact]
    public async Task A_customer_opens_a_case_with_the_defaults_of_its_category_and_the_SLA_of_its_priority()
    {
        var now = fixture.Now;

        var opened = Case(await OpenAsync(fixture.As(TestCallers.Customer("cus-000005")), new
        {
            customerId = "cus-000005",
            category = "OUTAGE",
            subject = "  Power keeps failing  ",
            description = "Three outages this week.",
            outageId = "out-000001-01",
        }), "openCase");

        Assert.Equal("NEW", opened.GetProperty("status").GetString());
        Assert.Equal("HIGH", opened.GetProperty("priority").GetString());
        Assert.Equal("OUTAGES", opened.GetProperty("queue").GetString());
        Assert.Equal("WEB", opened.GetProperty("channel").GetString());
        Assert.Equal(JsonNull, opened.GetProperty("assignedAgent").ValueKind);
        Assert.Equal(now, opened.GetProperty("openedAt").GetDateTime().ToUniversalTime());
        Assert.Equal(now.AddHours(4), opened.GetProperty("slaDueAt").GetDateTime().ToUniversalTime());
        Assert.Equal(["ASSIGNED"], opened.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("BILLING_INQUIRY", "NORMAL", 72)]
    [InlineData("BILLING_INQUIRY", "URGENT", 8)]
    [InlineData("PAYMENT_ARRANGEMENT", "NORMAL", 48)]
    [InlineData("OUTAGE", "LOW", 48)]
    [InlineData("HIGH_BILL", "HIGH", 24)]
    [InlineData("PRODUCT_SUPPORT", "NORMAL", 120)]
    [InlineData("COMPLAINT", "LOW", 240)]
    [InlineData("REGULATORY_COMPLAINT", "URGENT", 48)]
    [InlineData("REGULATORY_COMPLAINT", "HIGH", 120)]
    [InlineData("REGULATORY_COMPLAINT", "LOW", 240)]
    public async Task The_SLA_due_time_comes_from_the_category_and_priority(string category, string priority, int hours)
    {
        var now = fixture.Now;

        var opened = Case(await OpenAsync(Agent, new { customerId = "cus-000006", category, priority, subject = "SLA", description = "SLA table." }), "openCase");

        Assert.Equal(now.AddHours(hours), opened.GetProperty("slaDueAt").GetDateTime().ToUniversalTime());
        Assert.Equal("PHONE", opened.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task A_case_goes_from_new_to_closed_and_its_customer_answers_the_survey_once()
    {
        var customer = fixture.As(TestCallers.Customer("cus-000007"));
        var id = await OpenForAsync(Agent, "cus-000007");

        var assigned = Case(await AssignAsync(Agent, id, "agent-okafor"), "assignCase");
        Assert.Equal("ASSIGNED", assigned.GetProperty("status").GetString());
        Assert.Equal("agent-okafor", assigned.GetProperty("assignedAgent").GetString());

        foreach (var status in new[] { "IN_PROGRESS", "WAITING_ON_CUSTOMER", "IN_PROGRESS" })
        {
            Assert.Equal(status, Case(await ChangeStatusAsync(Agent, id, status), "changeCaseStatus").GetProperty("status").GetString());
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(95));
        var resolved = await ResolveAsync(Agent, id, "BILL_ADJUSTED", "We credited the late fee.");
        var resolvedCase = Case(resolved, "resolveCase");
        Assert.Equal("RESOLVED", resolvedCase.GetProperty("status").GetString());
        Assert.Equal("BILL_ADJUSTED", resolvedCase.GetProperty("resolutionCode").GetString());
        Assert.Equal(fixture.Now, resolvedCase.GetProperty("resolvedAt").GetDateTime().ToUniversalTime());
        Assert.Equal("CUSTOMER_VISIBLE", resolved.At("resolveCase", "note", "visibility").GetString());
        Assert.False(resolvedCase.GetProperty("surveyOffered").GetBoolean());

        var closed = Case(await ChangeStatusAsync(Agent, id, "CLOSED"), "changeCaseStatus");
        Assert.Equal("CLOSED", closed.GetProperty("status").GetString());
        Assert.True(closed.GetProperty("surveyOffered").GetBoolean());
        Assert.Empty(closed.GetProperty("nextStatuses").EnumerateArray());

        var survey = (await SubmitSurveyAsync(customer, id, 9, "Quick and friendly.")).EnsureNoErrors();
        Assert.Equal(9, survey.At("submitCaseSurvey", "survey", "score").GetInt32());
        Assert.False(survey.At("submitCaseSurvey", "case", "surveyOffered").GetBoolean());

        Assert.Equal(["SURVEY_ALREADY_SUBMITTED"], (await SubmitSurveyAsync(customer, id, 3)).ErrorCodes);
    }

    [Fact]
    public async Task Moves_the_life_cycle_does_not_allow_are_INVALID_CASE_TRANSITION_and_change_nothing()
    {
        var id = await OpenForAsync(Agent, "cus-000009");

        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ChangeStatusAsync(Agent, id, "IN_PROGRESS")).ErrorCodes);
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ChangeStatusAsync(Agent, id, "ASSIGNED")).ErrorCodes);
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ChangeStatusAsync(Agent, id, "CLOSED")).ErrorCodes);
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ResolveAsync(Agent, id)).ErrorCodes);
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ReopenAsync(Agent, id)).ErrorCodes);
        Assert.Equal(["RESOLUTION_CODE_REQUIRED"], (await ChangeStatusAsync(Agent, id, "RESOLVED")).ErrorCodes);

        (await AssignAsync(Agent, id)).EnsureNoErrors();
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ChangeStatusAsync(Agent, id, "WAITING_ON_CUSTOMER")).ErrorCodes);
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ChangeStatusAsync(Agent, id, "NEW")).ErrorCodes);

        (await ChangeStatusAsync(Agent, id, "IN_PROGRESS")).EnsureNoErrors();
        (await ResolveAsync(Agent, id)).EnsureNoErrors();
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ChangeStatusAsync(Agent, id, "IN_PROGRESS")).ErrorCodes);
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await AssignAsync(Agent, id)).ErrorCodes);
        Assert.Equal(["INVALID_CASE_TRANSITION"], (await ResolveAsync(Agent, id)).ErrorCodes);

        var current = (await Agent.PostAsync($"query($id: ID!) {{ case(id: $id) {{ {CaseFields} notes {{ id }} }} }}", new { id })).EnsureNoErrors().At("case");
        Assert.Equal("RESOLVED", current.GetProperty("status").GetString());
        Assert.Equal("EXPLAINED", current.GetProperty("resolutionCode").GetString());
        Assert.Empty(current.GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task A_resolved_case_reopens_within_30_days_with_a_new_SLA_and_not_after()
    {
        var id = await OpenForAsync(Agent, "cus-000010");
        var other = await OpenForAsync(Agent, "cus-000010");
        await ResolveNewAsync(Agent, id);
        await ResolveNewAsync(Agent, other);
        (await ChangeStatusAsync(Agent, id, "CLOSED")).EnsureNoErrors();

        fixture.Clock.Advance(TimeSpan.FromDays(30));
        var reopened = await ReopenAsync(fixture.As(TestCallers.Customer("cus-000010")), id, "The fee is back on my new bill.");
        var reopenedCase = Case(reopened, "reopenCase");
        Assert.Equal("IN_PROGRESS", reopenedCase.GetProperty("status").GetString());
        Assert.Equal(1, reopenedCase.GetProperty("reopenCount").GetInt32());
        Assert.Equal(JsonNull, reopenedCase.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(JsonNull, reopenedCase.GetProperty("closedAt").ValueKind);
        Assert.Equal(JsonNull, reopenedCase.GetProperty("resolutionCode").ValueKind);
        Assert.Equal(fixture.Now.AddHours(72), reopenedCase.GetProperty("slaDueAt").GetDateTime().ToUniversalTime());
        Assert.Equal("CUSTOMER_VISIBLE", reopened.At("reopenCase", "note", "visibility").GetString());

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["REOPEN_WINDOW_EXPIRED"], (await ReopenAsync(Agent, other)).ErrorCodes);
    }

    [Fact]
    public async Task The_survey_is_offered_only_once_the_case_is_closed_and_scores_0_to_10()
    {
        var customer = fixture.As(TestCallers.Customer("cus-000011"));
        var id = await OpenForAsync(Agent, "cus-000011");

        Assert.Equal(["SURVEY_NOT_OFFERED"], (await SubmitSurveyAsync(customer, id, 8)).ErrorCodes);
        await ResolveNewAsync(Agent, id);
        Assert.Equal(["SURVEY_NOT_OFFERED"], (await SubmitSurveyAsync(customer, id, 8)).ErrorCodes);
        (await ChangeStatusAsync(Agent, id, "CLOSED")).EnsureNoErrors();

        Assert.Equal(["SURVEY_SCORE_OUT_OF_RANGE"], (await SubmitSurveyAsync(customer, id, 11)).ErrorCodes);
        Assert.Equal(["SURVEY_SCORE_OUT_OF_RANGE"], (await SubmitSurveyAsync(customer, id, -1)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await SubmitSurveyAsync(Agent, id, 8)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await SubmitSurveyAsync(fixture.As(TestCallers.Customer("cus-000012")), id, 8)).ErrorCodes);
        Assert.Equal(0, (await SubmitSurveyAsync(customer, id, 0)).EnsureNoErrors().At("submitCaseSurvey", "survey", "score").GetInt32());
    }

    [Fact]
    public async Task Bad_inputs_are_errors_with_stable_codes()
    {
        var customer = fixture.As(TestCallers.Customer("cus-000013"));

        Assert.Equal(["BAD_USER_INPUT"], (await OpenAsync(Agent, new { customerId = "cus-000013", category = "COMPLAINT", subject = "  ", description = "x" })).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await OpenAsync(Agent, new { customerId = "cus-000013", category = "COMPLAINT", subject = new string('s', 201), description = "x" })).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await OpenAsync(Agent, new { customerId = "cus-000013", category = "SPACESHIP", subject = "s", description = "x" })).ErrorCodes);
        Assert.Equal(["CUSTOMER_NOT_FOUND"], (await OpenAsync(Agent, new { customerId = "cus-999999", category = "COMPLAINT", subject = "s", description = "x" })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await OpenAsync(customer, new { customerId = "cus-000013", category = "COMPLAINT", subject = "s", description = "x", priority = "URGENT" })).ErrorCodes);
        Assert.Equal(["CASE_NOT_FOUND"], (await AssignAsync(Agent, "cas-nope")).ErrorCodes);
        Assert.Equal(["CASE_NOT_FOUND"], (await ChangeStatusAsync(Agent, "cas-nope", "CLOSED")).ErrorCodes);

        var id = await OpenForAsync(Agent, "cus-000013");
        Assert.Equal(["BAD_USER_INPUT"], (await AddNoteAsync(Agent, id, " ")).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await AddNoteAsync(customer, id, "Only for agents", "INTERNAL")).ErrorCodes);

        var note = (await AddNoteAsync(customer, id, "I sent the photo of the meter.")).EnsureNoErrors().At("addCaseNote", "note");
        Assert.Equal("CUSTOMER_VISIBLE", note.GetProperty("visibility").GetString());
        Assert.True(note.GetProperty("byCustomer").GetBoolean());
        Assert.Equal("INTERNAL", (await AddNoteAsync(Agent, id, "Checked the meter photo.")).EnsureNoErrors().At("addCaseNote", "note", "visibility").GetString());

        await ResolveNewAsync(Agent, id);
        (await ChangeStatusAsync(Agent, id, "CLOSED")).EnsureNoErrors();
        Assert.Equal(["CASE_CLOSED"], (await AddNoteAsync(Agent, id, "Too late.")).ErrorCodes);
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
