using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Reconciler.Integration.Tests.Cli;

/// <summary>
/// The reconciler executable as a person starts it: its own process, in a process group of its
/// own (so a test can press Ctrl-C on the whole group, as a terminal does), with no AWS settings
/// unless the test gives them. Output (both streams) is collected as it comes.
/// </summary>
internal sealed class ReconcilerProcess : IDisposable
{
    private const int SigInt = 2;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ReconcilerProcess(string workingDirectory, IReadOnlyDictionary<string, string> variables, IReadOnlyList<string> args)
    {
        // setsid makes the controller the leader of a new group: kill -INT -PID reaches it and
        // every child (moto) at once, exactly as Ctrl-C in a terminal does. env resets SIGINT to
        // its default first, as a terminal's shell has it: a test run started in the background
        // of a non-interactive shell inherits SIGINT ignored, and the runtime keeps an ignored
        // SIGINT ignored (as nohup expects), so Ctrl-C would never reach the controller.
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("env");
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reconciler.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        // No instance metadata service here: without this the credential chain waits for it.
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["HOME"] = workingDirectory;
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ReconcilerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> variables, params string[] args) =>
        new(workingDirectory, variables, args);

    /// <summary>Runs to the end (bounded) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Say whether the process itself still runs (or only something holding its output open), and what it printed.
            throw new TimeoutException(
                $"reconciler (pid {_process.Id}) {(_process.HasExited ? "exited, but its output stayed open" : "still runs")} after {timeout.TotalSeconds:0} s. Its output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits (bounded) until the output contains <paramref name="text"/>; false if it never does or the process ends first.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                _process.WaitForExit();
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>Ctrl-C as a terminal sends it: SIGINT to every process of the group the controller leads.</summary>
    public void PressCtrlC()
    {
        // Only ever a group this test made: the controller's pid must be its own group's id.
        var pid = _process.Id;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var group = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        if (pid <= 1 || group != pid)
        {
            throw new InvalidOperationException($"Process {pid} does not lead its own process group ({group}); not signalling it.");
        }

        if (Kill(-pid, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill(-{pid}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public override string ToString() => Output;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
