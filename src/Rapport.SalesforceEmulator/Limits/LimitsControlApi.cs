using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Rapport.SalesforceEmulator.Limits;

/// <summary><c>/__emulator/limits</c>: read, lower or raise the daily API allocation, or set today's count.</summary>
internal static class LimitsControlApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/limits", (DailyApiRequestCounter counter) => TypedResults.Ok(LimitsView.From(counter)));
        group.MapPut("/limits", Change);
    }

    private static Results<Ok<LimitsView>, ProblemHttpResult> Change(LimitsChange change, DailyApiRequestCounter counter)
    {
        if (change.DailyApiRequests is < 0 || change.Used is < 0)
        {
            return TypedResults.Problem("dailyApiRequests and used must not be negative.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid limits");
        }
        if (change.DailyApiRequests is null && change.Used is null)
        {
            return TypedResults.Problem("Send {\"dailyApiRequests\": n} and/or {\"used\": n}.", statusCode: StatusCodes.Status400BadRequest, title: "Nothing to change");
        }
        counter.Set(change.DailyApiRequests, change.Used);
        return TypedResults.Ok(LimitsView.From(counter));
    }
}
