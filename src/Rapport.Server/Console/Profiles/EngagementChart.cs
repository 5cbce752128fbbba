using System.Globalization;
using System.Net;
using System.Text;

namespace Rapport.Server.Console.Profiles;

/// <summary>
/// The engagement chart as inline SVG, drawn on the server so it needs no script: one bar per day
/// with events (its own &lt;title&gt; gives the date and count on hover and to screen readers), the
/// chart's &lt;title&gt; and &lt;desc&gt;, and the first and last date under the bars.
/// </summary>
public static class EngagementChart
{
    private const int BarWidth = 10;
    private const int PlotHeight = 120;
    private const int Top = 16;
    private const int AxisHeight = 20;

    /// <summary>A one-sentence summary of <paramref name="days"/>, for the chart's description and the text under it.</summary>
    public static string Summary(IReadOnlyList<DayActivity> days)
    {
        var total = days.Sum(d => d.Events);
        if (total == 0)
        {
            return $"No activity in the last {days.Count} days.";
        }
        var active = days.Count(d => d.Events > 0);
        var busiest = days.OrderByDescending(d => d.Events).ThenByDescending(d => d.Day).First();
        var latest = days.Last(d => d.Events > 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Plural(total, "event")} on {Plural(active, "day")} of the last {days.Count}; busiest day {Date(busiest.Day)} with {Plural(busiest.Events, "event")}; latest activity {Date(latest.Day)}.");
    }

    /// <summary>The SVG markup (all text escaped).</summary>
    public static string Svg(IReadOnlyList<DayActivity> days, string idPrefix)
    {
        var width = days.Count * BarWidth;
        var height = Top + PlotHeight + AxisHeight;
        var max = Math.Max(1, days.Count == 0 ? 0 : days.Max(d => d.Events));
        var svg = new StringBuilder();
        var id = Escape(idPrefix);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart engagement-chart\" id=\"{id}\" data-testid=\"engagement-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">Activity per day over the last {days.Count} days</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Escape(Summary(days))}</desc>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<line class=\"engagement-axis\" x1=\"0\" y1=\"{Top + PlotHeight}\" x2=\"{width}\" y2=\"{Top + PlotHeight}\" />");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"engagement-label\" x=\"0\" y=\"{Top - 4}\">{Plural(max, "event")}</text>");
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            if (day.Events == 0)
            {
                continue;
            }
            // Every active day stays visible, however small next to the busiest one.
            var barHeight = Math.Max(2, (int)Math.Round((double)day.Events / max * PlotHeight));
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"engagement-bar\" data-testid=\"engagement-bar\" data-day=\"{Date(day.Day)}\" data-events=\"{day.Events}\" x=\"{i * BarWidth + 1}\" y=\"{Top + PlotHeight - barHeight}\" width=\"{BarWidth - 2}\" height=\"{barHeight}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{Date(day.Day)}: {Plural(day.Events, "event")}</title></rect>");
        }
        if (days.Count > 0)
        {
            var baseline = Top + PlotHeight + AxisHeight - 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"engagement-label\" x=\"0\" y=\"{baseline}\">{Date(days[0].Day)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"engagement-label\" x=\"{width}\" y=\"{baseline}\" text-anchor=\"end\">{Date(days[^1].Day)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Plural(int count, string noun)
        => string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
