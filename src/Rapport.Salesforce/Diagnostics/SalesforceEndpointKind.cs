namespace Rapport.Salesforce.Diagnostics;

/// <summary>The kinds of Salesforce endpoint that runs report API calls by.</summary>
public enum SalesforceEndpointKind
{
    /// <summary>Anything not recognised below.</summary>
    Other = 0,

    /// <summary>OAuth token, authorize and revoke (not counted against the daily API limit).</summary>
    OAuth,

    /// <summary>The identity URL.</summary>
    Identity,

    /// <summary><c>/limits</c>.</summary>
    Limits,

    /// <summary>Describe global and per object.</summary>
    Describe,

    /// <summary>SOQL query and queryAll pages.</summary>
    Query,

    /// <summary>Single-record sObject rows: get, create, update, delete, upsert.</summary>
    SObject,

    /// <summary>sObject Collections (up to 200 records a call).</summary>
    Collections,

    /// <summary><c>/sobjects/{T}/updated</c> and <c>/deleted</c>.</summary>
    Changes,

    /// <summary>Bulk API 2.0 ingest and query jobs.</summary>
    Bulk,

    /// <summary>The Tooling API.</summary>
    Tooling,
}
