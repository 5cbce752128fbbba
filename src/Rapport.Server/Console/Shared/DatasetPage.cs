using Microsoft.AspNetCore.Components;
using Rapport.Data.Entities;
using Rapport.Data.Storage;

namespace Rapport.Server.Console.Shared;

/// <summary>
/// Base of every page under <c>/datasets/{DatasetId}/…</c>: loads the dataset, and answers 404
/// with a message (<see cref="DatasetMissing"/>) when there is none.
/// </summary>
public abstract class DatasetPage : ComponentBase
{
    [Parameter] public string DatasetId { get; set; } = "";

    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    [Inject] protected DatasetStore Datasets { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The dataset; null only when <see cref="DatasetMissing"/>.</summary>
    protected DatasetEntity? Dataset { get; private set; }

    /// <summary>True when the address names no dataset; the page shows <see cref="MissingDataset"/>.</summary>
    protected bool DatasetMissing => Dataset is null;

    /// <summary>The request's cancellation: the browser went away.</summary>
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected sealed override async Task OnInitializedAsync()
    {
        Dataset = await Datasets.GetAsync(DatasetId, Aborted);
        if (Dataset is null)
        {
            RespondNotFound();
            return;
        }
        await OnDatasetInitializedAsync(Dataset);
    }

    /// <summary>Loads the page's data once the dataset is known (also on a form post, before its handler).</summary>
    protected virtual Task OnDatasetInitializedAsync(DatasetEntity dataset) => Task.CompletedTask;

    /// <summary>
    /// Answers 404 while still showing the page's own readable message. The status is set as the
    /// response starts, not now: a page whose rendering changes the status code has its body dropped
    /// by Blazor when status code pages are on (it leaves the body to them), and the person would get
    /// bare problem JSON instead of the message.
    /// </summary>
    protected void RespondNotFound()
    {
        var response = HttpContext.Response;
        response.OnStarting(() =>
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    /// <summary>A link to another page of this dataset, relative to the console's base.</summary>
    protected string DatasetUrl(string? page = null) => ConsoleUrls.Dataset(DatasetId, page);

    /// <summary>What a page shows instead of itself when the dataset does not exist.</summary>
    protected RenderFragment MissingDataset => builder =>
    {
        builder.OpenElement(0, "h1");
        builder.AddContent(1, "Dataset not found");
        builder.CloseElement();
        builder.OpenElement(2, "p");
        builder.AddContent(3, $"There is no dataset \"{DatasetId}\". ");
        builder.OpenElement(4, "a");
        builder.AddAttribute(5, "href", "");
        builder.AddContent(6, "Choose one from the list.");
        builder.CloseElement();
        builder.CloseElement();
    };
}
