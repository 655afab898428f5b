using System.Text.Json;
using UCE.Subgraphs.Tests.Infrastructure;

namespace UCE.Subgraphs.Tests.Service;

/// <summary>The case mutations as the tests send them, each answering the case's fields tests look at.</summary>
public static class CaseMutations
{
    public const string CaseFields = "id customer { id } status category priority channel queue assignedAgent openedAt slaDueAt resolvedAt closedAt resolutionCode reopenCount surveyOffered nextStatuses";

    public static Task<GraphQLResponse> OpenAsync(GraphQLClient client, object input) =>
        client.PostAsync($"mutation($input: OpenCaseInput!) {{ openCase(input: $input) {{ case {{ {CaseFields} }} }} }}", new { input });

    public static Task<GraphQLResponse> AssignAsync(GraphQLClient client, string caseId, string? agent = null) =>
        client.PostAsync($"mutation($input: AssignCaseInput!) {{ assignCase(input: $input) {{ case {{ {CaseFields} }} }} }}", new { input = new { caseId, agent } });

    public static Task<GraphQLResponse> ChangeStatusAsync(GraphQLClient client, string caseId, string status) =>
        client.PostAsync($"mutation($input: ChangeCaseStatusInput!) {{ changeCaseStatus(input: $input) {{ case {{ {CaseFields} }} }} }}", new { input = new { caseId, status } });

    public static Task<GraphQLResponse> ResolveAsync(GraphQLClient client, string caseId, string resolutionCode = "EXPLAINED", string? summary = null) =>
        client.PostAsync($"mutation($input: ResolveCaseInput!) {{ resolveCase(input: $input) {{ case {{ {CaseFields} }} note {{ body visibility }} }} }}", new { input = new { caseId, resolutionCode, summary } });

    public static Task<GraphQLResponse> ReopenAsync(GraphQLClient client, string caseId, string? reason = null) =>
        client.PostAsync($"mutation($input: ReopenCaseInput!) {{ reopenCase(input: $input) {{ case {{ {CaseFields} }} note {{ body visibility }} }} }}", new { input = new { caseId, reason } });

    public static Task<GraphQLResponse> AddNoteAsync(GraphQLClient client, string caseId, string body, string? visibility = null) =>
        client.PostAsync("mutation($input: AddCaseNoteInput!) { addCaseNote(input: $input) { note { id body visibility byCustomer author } case { id } } }", new { input = new { caseId, body, visibility } });

    public static Task<GraphQLResponse> SubmitSurveyAsync(GraphQLClient client, string caseId, int score, string? comment = null) =>
        client.PostAsync("mutation($input: SubmitCaseSurveyInput!) { submitCaseSurvey(input: $input) { survey { score comment submittedAt } case { id surveyOffered survey { score } } } }", new { input = new { caseId, score, comment } });

    /// <summary>Opens a BILLING_INQUIRY for <paramref name="customerId"/> as an agent and returns its id.</summary>
    public static async Task<string> OpenForAsync(GraphQLClient agent, string customerId, string category = "BILLING_INQUIRY")
    {
        var response = (await OpenAsync(agent, new { customerId, category, subject = "Question", description = "The customer has a question." })).EnsureNoErrors();
        return response.At("openCase", "case", "id").GetString()!;
    }

    /// <summary>Takes a new case through ASSIGNED and IN_PROGRESS to RESOLVED, as <paramref name="agent"/>.</summary>
    public static async Task ResolveNewAsync(GraphQLClient agent, string caseId)
    {
        (await AssignAsync(agent, caseId)).EnsureNoErrors();
        (await ChangeStatusAsync(agent, caseId, "IN_PROGRESS")).EnsureNoErrors();
        (await ResolveAsync(agent, caseId)).EnsureNoErrors();
    }

    public static JsonElement Case(GraphQLResponse response, string mutation) => response.EnsureNoErrors().At(mutation, "case");
}
