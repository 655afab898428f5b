namespace UCE.Service.Types;

/// <summary>The <c>extensions.code</c> values the service subgraph adds to the shared ones.</summary>
public static class ServiceErrorCodes
{
    public const string CaseNotFound = "CASE_NOT_FOUND";

    public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";

    public const string InvalidCaseTransition = "INVALID_CASE_TRANSITION";

    public const string ReopenWindowExpired = "REOPEN_WINDOW_EXPIRED";

    public const string ResolutionCodeRequired = "RESOLUTION_CODE_REQUIRED";

    public const string CaseClosed = "CASE_CLOSED";

    public const string SurveyNotOffered = "SURVEY_NOT_OFFERED";

    public const string SurveyAlreadySubmitted = "SURVEY_ALREADY_SUBMITTED";

    public const string SurveyScoreOutOfRange = "SURVEY_SCORE_OUT_OF_RANGE";
}
