using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rapport.SalesforceEmulator.Auth;

namespace Rapport.SalesforceEmulator.Limits;

/// <summary>
/// Counts every authenticated <c>/services/data/…</c> request against the daily allocation,
/// reports usage in <c>Sforce-Limit-Info: api-usage=N/M</c> on the response (REST API Developer
/// Guide, "Limit Info Header"), and refuses requests past the limit with 403
/// REQUEST_LIMIT_EXCEEDED ("TotalRequests Limit exceeded.").
/// </summary>
internal sealed class ApiLimitMiddleware(RequestDelegate next, DailyApiRequestCounter counter)
{
    /// <summary>Set in <see cref="HttpContext.Items"/> when the request counted as an API call (read by the journal).</summary>
    public const string CountedItem = "Rapport.SalesforceEmulator.ApiCallCounted";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IEmulatorSession>() is null || !context.Request.Path.StartsWithSegments(SessionGuardMiddleware.DataPath))
        {
            return next(context);
        }
        var (allowed, used, max) = counter.TryCount();
        context.Response.Headers["Sforce-Limit-Info"] = string.Create(CultureInfo.InvariantCulture, $"api-usage={used}/{max}");
        if (!allowed)
        {
            return RestErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden,
                new RestError("TotalRequests Limit exceeded.", "REQUEST_LIMIT_EXCEEDED"));
        }
        context.Items[CountedItem] = true;
        return next(context);
    }
}
