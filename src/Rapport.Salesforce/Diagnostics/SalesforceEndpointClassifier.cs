namespace Rapport.Salesforce.Diagnostics;

/// <summary>
/// Tells the endpoint kind from a request path, so calls are counted the same way whether they
/// come from the client's methods or from a followed <c>nextRecordsUrl</c>.
/// </summary>
public static class SalesforceEndpointClassifier
{
    /// <summary>Classifies an absolute or relative Salesforce URL.</summary>
    public static SalesforceEndpointKind Classify(Uri? uri)
    {
        if (uri is null)
        {
            return SalesforceEndpointKind.Other;
        }
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        if (path.StartsWith("/services/oauth2/", StringComparison.OrdinalIgnoreCase))
        {
            return SalesforceEndpointKind.OAuth;
        }
        if (path.StartsWith("/id/", StringComparison.OrdinalIgnoreCase))
        {
            return SalesforceEndpointKind.Identity;
        }
        // /services/data/vNN.N/<rest>
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || !segments[0].Equals("services", StringComparison.OrdinalIgnoreCase) || !segments[1].Equals("data", StringComparison.OrdinalIgnoreCase))
        {
            return SalesforceEndpointKind.Other;
        }
        var rest = segments.AsSpan(3);
        if (rest.Length == 0)
        {
            return SalesforceEndpointKind.Other;
        }
        return rest[0].ToUpperInvariant() switch
        {
            "LIMITS" => SalesforceEndpointKind.Limits,
            "QUERY" or "QUERYALL" => SalesforceEndpointKind.Query,
            "TOOLING" => SalesforceEndpointKind.Tooling,
            "JOBS" => SalesforceEndpointKind.Bulk,
            "COMPOSITE" when rest.Length > 1 && rest[1].Equals("sobjects", StringComparison.OrdinalIgnoreCase) => SalesforceEndpointKind.Collections,
            "SOBJECTS" => ClassifySObjects(rest),
            _ => SalesforceEndpointKind.Other,
        };
    }

    private static SalesforceEndpointKind ClassifySObjects(ReadOnlySpan<string> rest)
    {
        if (rest.Length == 1 || (rest.Length >= 3 && rest[2].Equals("describe", StringComparison.OrdinalIgnoreCase)))
        {
            return SalesforceEndpointKind.Describe;
        }
        if (rest.Length >= 3 && (rest[2].Equals("updated", StringComparison.OrdinalIgnoreCase) || rest[2].Equals("deleted", StringComparison.OrdinalIgnoreCase)))
        {
            return SalesforceEndpointKind.Changes;
        }
        return SalesforceEndpointKind.SObject;
    }
}
