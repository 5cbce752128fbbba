using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Rapport.Salesforce.Http;

namespace Rapport.Salesforce.Bulk;

/// <summary>
/// Bulk API 2.0 ("Bulk API 2.0 and Bulk API Developer Guide"): ingest jobs (create job, upload
/// CSV with PUT to <c>/batches</c>, PATCH <c>state=UploadComplete</c>, poll, read successful,
/// failed and unprocessed results) and query jobs (results paged by <c>Sforce-Locator</c>).
/// Polling backs off from <see cref="SalesforceHttpOptions.BulkPollInitialDelay"/> on the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class BulkApi
{
    private readonly SalesforceTransport _transport;
    private readonly SalesforceHttpOptions _options;
    private readonly TimeProvider _time;

    internal BulkApi(SalesforceTransport transport, SalesforceHttpOptions options, TimeProvider time)
    {
        _transport = transport;
        _options = options;
        _time = time;
    }

    /// <summary>Runs a whole ingest job and returns its per-record outcomes.</summary>
    public async Task<BulkIngestResult> RunIngestAsync(BulkIngestRequest request, CancellationToken cancellationToken)
    {
        var job = await CreateIngestJobAsync(request, cancellationToken);
        await UploadAsync(job.Id, request, cancellationToken);
        await CloseAsync(job.Id, cancellationToken);
        var finished = await WaitAsync("ingest", job.Id, cancellationToken);
        if (finished.State == "Aborted")
        {
            return new BulkIngestResult(finished, [], [], []);
        }
        var successful = new List<BulkSuccessRow>();
        await foreach (var row in ResultsAsync(job.Id, "successfulResults", cancellationToken))
        {
            successful.Add(new BulkSuccessRow(row.GetValueOrDefault("sf__Id", string.Empty), bool.TryParse(row.GetValueOrDefault("sf__Created"), out var created) && created, Strip(row)));
        }
        var failed = new List<BulkFailedRow>();
        await foreach (var row in ResultsAsync(job.Id, "failedResults", cancellationToken))
        {
            failed.Add(new BulkFailedRow(row.GetValueOrDefault("sf__Id") is { Length: > 0 } id ? id : null, row.GetValueOrDefault("sf__Error", string.Empty), Strip(row)));
        }
        var unprocessed = new List<IReadOnlyDictionary<string, string>>();
        await foreach (var row in ResultsAsync(job.Id, "unprocessedrecords", cancellationToken))
        {
            unprocessed.Add(row);
        }
        return new BulkIngestResult(finished, successful, failed, unprocessed);
    }

    /// <summary><c>POST /jobs/ingest</c> with <c>contentType=CSV</c> and <c>lineEnding=LF</c>. Not retried: it creates a job.</summary>
    public async Task<BulkJobInfo> CreateIngestJobAsync(BulkIngestRequest request, CancellationToken cancellationToken)
    {
        SalesforceNames.EnsureApiName(request.Object, nameof(request));
        if (request.Operation == BulkOperation.Upsert && string.IsNullOrEmpty(request.ExternalIdFieldName))
        {
            throw new ArgumentException("An upsert job needs ExternalIdFieldName.", nameof(request));
        }
        var body = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["object"] = request.Object,
            ["operation"] = OperationName(request.Operation),
            ["externalIdFieldName"] = request.ExternalIdFieldName,
            ["contentType"] = "CSV",
            ["columnDelimiter"] = "COMMA",
            ["lineEnding"] = "LF",
        }, SalesforceJson.Options);
        return await _transport.SendJsonAsync<BulkJobInfo>(HttpMethod.Post, await _transport.DataUriAsync("jobs/ingest", cancellationToken), SalesforceTransport.Json(body), false, cancellationToken);
    }

    /// <summary><c>PUT /jobs/ingest/{id}/batches</c> with the CSV (one upload per job, at most 150 MB).</summary>
    public async Task UploadAsync(string jobId, BulkIngestRequest request, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder();
        Csv.AppendRow(csv, request.Columns);
        foreach (var row in request.Rows)
        {
            if (row.Count != request.Columns.Count)
            {
                throw new ArgumentException($"A row has {row.Count} values for {request.Columns.Count} columns.", nameof(request));
            }
            Csv.AppendRow(csv, row);
        }
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        await _transport.SendAsync(HttpMethod.Put, await JobUriAsync("ingest", jobId, "/batches", cancellationToken), content, false, cancellationToken);
    }

    /// <summary><c>PATCH /jobs/ingest/{id}</c> with <c>{"state":"UploadComplete"}</c>: the job starts processing.</summary>
    public async Task<BulkJobInfo> CloseAsync(string jobId, CancellationToken cancellationToken) =>
        await _transport.SendJsonAsync<BulkJobInfo>(HttpMethod.Patch, await JobUriAsync("ingest", jobId, string.Empty, cancellationToken),
            SalesforceTransport.Json("{\"state\":\"UploadComplete\"}"), true, cancellationToken);

    /// <summary>Get Job Info for an ingest job.</summary>
    public async Task<BulkJobInfo> GetIngestJobAsync(string jobId, CancellationToken cancellationToken) =>
        await _transport.SendJsonAsync<BulkJobInfo>(HttpMethod.Get, await JobUriAsync("ingest", jobId, string.Empty, cancellationToken), null, false, cancellationToken);

    /// <summary>
    /// Runs a query job (<c>POST /jobs/query</c>) and streams its rows, page by page with
    /// <c>maxRecords</c> and the <c>Sforce-Locator</c> header until it reads "null".
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyDictionary<string, string>> QueryAsync(string soql, bool includeDeleted = false, int? maxRecordsPerPage = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["operation"] = includeDeleted ? "queryAll" : "query", ["query"] = soql }, SalesforceJson.Options);
        // Creating a query job has no side effect beyond the job itself, so it may be retried.
        var job = await _transport.SendJsonAsync<BulkJobInfo>(HttpMethod.Post, await _transport.DataUriAsync("jobs/query", cancellationToken), SalesforceTransport.Json(body), true, cancellationToken);
        var finished = await WaitAsync("query", job.Id, cancellationToken);
        if (finished.State != "JobComplete")
        {
            throw new SalesforceApiException($"Bulk query job {job.Id} ended {finished.State}: {finished.ErrorMessage}");
        }
        string? locator = null;
        do
        {
            var query = new List<string>();
            if (maxRecordsPerPage is { } max)
            {
                query.Add("maxRecords=" + max.ToString(CultureInfo.InvariantCulture));
            }
            if (locator is not null)
            {
                query.Add("locator=" + Uri.EscapeDataString(locator));
            }
            var suffix = "/results" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
            using var request = new HttpRequestMessage(HttpMethod.Get, await JobUriAsync("query", job.Id, suffix, cancellationToken));
            using var response = await _transport.SendAsync(request, false, cancellationToken);
            locator = response.Headers.TryGetValues("Sforce-Locator", out var values) ? values.FirstOrDefault() : null;
            if (locator is "null" or "")
            {
                locator = null;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            await foreach (var row in Csv.ReadRecordsAsync(reader).WithCancellation(cancellationToken))
            {
                yield return row;
            }
        }
        while (locator is not null);
    }

    private async Task<BulkJobInfo> WaitAsync(string kind, string jobId, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.BulkJobTimeout;
        var delay = _options.BulkPollInitialDelay;
        while (true)
        {
            var job = await _transport.SendJsonAsync<BulkJobInfo>(HttpMethod.Get, await JobUriAsync(kind, jobId, string.Empty, cancellationToken), null, false, cancellationToken);
            if (job.IsFinished)
            {
                return job;
            }
            if (_time.GetUtcNow() + delay > deadline)
            {
                throw new TimeoutException($"Bulk {kind} job {jobId} is still {job.State} after {_options.BulkJobTimeout}.");
            }
            await Task.Delay(delay, _time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.BulkPollMaxDelay.Ticks));
        }
    }

    private async IAsyncEnumerable<Dictionary<string, string>> ResultsAsync(string jobId, string resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, await JobUriAsync("ingest", jobId, "/" + resource + "/", cancellationToken));
        using var response = await _transport.SendAsync(request, false, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        await foreach (var row in Csv.ReadRecordsAsync(reader).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static string OperationName(BulkOperation operation) => operation switch
    {
        BulkOperation.Insert => "insert",
        BulkOperation.Update => "update",
        BulkOperation.Upsert => "upsert",
        _ => "delete",
    };

    private static Dictionary<string, string> Strip(Dictionary<string, string> row) =>
        row.Where(p => !p.Key.StartsWith("sf__", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private ValueTask<Uri> JobUriAsync(string kind, string jobId, string suffix, CancellationToken cancellationToken)
    {
        if (!jobId.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{jobId}' is not a job id.", nameof(jobId));
        }
        return _transport.DataUriAsync($"jobs/{kind}/{jobId}{suffix}", cancellationToken);
    }
}
