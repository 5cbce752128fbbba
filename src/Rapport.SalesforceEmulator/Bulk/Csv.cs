using System.Text;

namespace Rapport.SalesforceEmulator.Bulk;

/// <summary>RFC 4180 CSV as Bulk API 2.0 reads and writes it (comma-delimited, double-quote escaping).</summary>
internal static class Csv
{
    /// <summary>Parses CSV text into rows of cells; quoted cells may contain commas, quotes ("") and line breaks.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var cellStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    cellStarted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    cellStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    if (row.Count > 1 || row[0].Length > 0 || cellStarted)
                    {
                        rows.Add([.. row]);
                    }
                    row.Clear();
                    cellStarted = false;
                    break;
                default:
                    cell.Append(c);
                    cellStarted = true;
                    break;
            }
        }
        if (cellStarted || cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }

    /// <summary>Appends one quoted row.</summary>
    public static void AppendRow(StringBuilder builder, IEnumerable<string?> cells, string lineEnding = "\n")
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                builder.Append(',');
            }
            first = false;
            builder.Append('"').Append((cell ?? string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        builder.Append(lineEnding);
    }
}
