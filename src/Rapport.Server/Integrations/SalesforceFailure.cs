namespace Rapport.Server.Integrations;

/// <summary>
/// A failure class of a Salesforce connection (seed 000's troubleshooting list): a stable code, the
/// HTTP status the admin API answers with, what happened, and a remedy a person can follow.
/// </summary>
public sealed record SalesforceFailure(string Code, int Status, string Title, string Message, string Remedy)
{
    /// <summary>What happened and what to do, as one sentence pair for problem details and pages.</summary>
    public string Detail => $"{Message} {Remedy}";
}
