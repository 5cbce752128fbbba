using System.Globalization;

namespace Rapport.Bench;

/// <summary>
/// How long this process's threads were ready to run but waited for a CPU (Linux schedstat).
/// On a machine shared with other work this tells a slow server from a starved one: a phase whose
/// threads waited longer than they ran measured the machine's load more than Rapport.
/// </summary>
internal static class CpuWait
{
    /// <summary>Seconds spent runnable but not running, summed over the live threads; 0 where unknown.</summary>
    public static double Seconds()
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return 0;
        }
        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                // schedstat: time on CPU, time waiting on a run queue, time slices (ns, ns, count).
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                nanoseconds += long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The thread ended while being read; its time is lost, which only understates the wait.
            }
        }
        return nanoseconds / 1e9;
    }
}
