using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Salesforce.Http;

/// <summary>
/// The serializer settings for Salesforce bodies: web defaults (camelCase names match describe,
/// collections and Bulk job fields; case-insensitive reads match record fields such as
/// <c>Email</c>), nulls omitted on write.
/// </summary>
public static class SalesforceJson
{
    /// <summary>The shared options; do not mutate.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new SalesforceDateTimeConverter() },
    };
}
