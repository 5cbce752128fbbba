using System.Globalization;
using System.Runtime.CompilerServices;
using Rapport.Salesforce.Rest;

namespace Rapport.Salesforce.Http;

/// <summary>
/// Pages through a SOQL result ("Execute a SOQL Query", REST API Developer Guide): the first
/// page from <c>GET …/query?q=</c>, then <c>GET nextRecordsUrl</c> until <c>done</c>.
/// </summary>
internal static class QueryPager
{
    public static async IAsyncEnumerable<QueryPage<T>> PagesAsync<T>(SalesforceTransport transport, string resource, string soql, int? batchSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (batchSize is < 200 or > 2000)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Salesforce accepts a batchSize from 200 to 2,000.");
        }
        var headers = batchSize is { } size
            ? new[] { new KeyValuePair<string, string>("Sforce-Query-Options", "batchSize=" + size.ToString(CultureInfo.InvariantCulture)) }
            : null;
        var uri = await transport.DataUriAsync($"{resource}?q={Uri.EscapeDataString(soql)}", cancellationToken);
        while (true)
        {
            var page = await transport.SendJsonAsync<QueryPage<T>>(HttpMethod.Get, uri, null, false, cancellationToken, headers);
            yield return page with { Records = page.Records ?? [] };
            if (page.Done || string.IsNullOrEmpty(page.NextRecordsUrl))
            {
                yield break;
            }
            uri = await transport.InstanceUriAsync(page.NextRecordsUrl, cancellationToken);
        }
    }
}
