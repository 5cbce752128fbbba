using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Rapport.SalesforceEmulator.Faults;

/// <summary><c>/__emulator/faults</c> and <c>/__emulator/requests</c>: fault injection settings and the request journal.</summary>
internal static class FaultControlApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/faults", (FaultInjector injector) => TypedResults.Ok(injector.Settings));
        group.MapPut("/faults", Configure);
        group.MapDelete("/faults", (FaultInjector injector) =>
        {
            injector.Configure(FaultSettings.None);
            return TypedResults.Ok(injector.Settings);
        });
        group.MapGet("/requests", (RequestJournal journal) =>
        {
            var (total, apiCalls, entries) = journal.Snapshot();
            return TypedResults.Ok(new RequestJournalView(total, apiCalls, entries));
        });
        group.MapDelete("/requests", (RequestJournal journal) =>
        {
            journal.Clear();
            return TypedResults.NoContent();
        });
    }

    private static Results<Ok<FaultSettings>, ProblemHttpResult> Configure(FaultSettings settings, FaultInjector injector)
    {
        if (settings.Validate() is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid fault settings");
        }
        injector.Configure(settings);
        return TypedResults.Ok(injector.Settings);
    }
}
