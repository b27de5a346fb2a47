using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// One controller replica as a real process (<c>reconciler run</c>), so a test can kill -9 it or
/// freeze it with SIGSTOP. Its AWS requests are written, one JSON line each, to a file the test
/// reads (RECONCILER_REQUEST_LOG).
/// </summary>
internal sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _outputFile;

    private ReplicaProcess(string name, Uri endpoint, string folder, IReadOnlyList<string> extraArgs)
    {
        Name = name;
        Port = Reconciler.Controller.Sandbox.MotoProcess.FindFreePort();
        Client = new DaemonClient(Port);
        var scratch = Path.Combine(Path.GetTempPath(), "reconciler-replica-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        RequestLogFile = Path.Combine(scratch, "requests.jsonl");
        _outputFile = Path.Combine(scratch, "output.log");

        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        var command = new List<string>
        {
            "dotnet", Path.Combine(AppContext.BaseDirectory, "reconciler.dll"), "run", folder,
            "--listen", $"127.0.0.1:{Port}", "--replica-id", name, "--log-format", "text",
        };
        command.AddRange(extraArgs);

        // exec keeps the pid the controller's own, so signals reach it and not a wrapper.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >\"$OUTPUT_FILE\" 2>&1");
        start.ArgumentList.Add("replica");
        foreach (var arg in command)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OUTPUT_FILE"] = _outputFile;
        start.Environment["AWS_ENDPOINT_URL"] = endpoint.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["RECONCILER_REQUEST_LOG"] = RequestLogFile;
        _process = Process.Start(start)!;
    }

    public string Name { get; }

    /// <summary>
    /// The access key this process signs with, its own (emulators accept any): what the emulator
    /// records of a request (moto's recorder keeps the Authorization header) names the process
    /// that sent it, even across a restart under the same <see cref="Name"/>.
    /// </summary>
    public string AccessKeyId { get; } = "replica-" + Guid.NewGuid().ToString("N")[..12];

    public int Port { get; }

    public DaemonClient Client { get; }

    public string RequestLogFile { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => File.Exists(_outputFile) ? File.ReadAllText(_outputFile) : "";

    public static ReplicaProcess Start(string name, Uri endpoint, string folder, params string[] extraArgs) => new(name, endpoint, folder, extraArgs);

    public Task<string?> RoleAsync() => Client.RoleAsync();

    /// <summary>
    /// The replica of <paramref name="replicas"/> that leads, waited for up to <paramref name="timeout"/>
    /// among those still running; fails the test with every replica's output when none leads.
    /// </summary>
    public static async Task<ReplicaProcess> LeaderAsync(IReadOnlyList<ReplicaProcess> replicas, TimeSpan timeout)
    {
        ReplicaProcess? leader = null;
        var found = await DaemonClient.EventuallyAsync(
            async () =>
            {
                foreach (var replica in replicas.Where(r => !r.HasExited))
                {
                    if (await replica.RoleAsync() == "leader")
                    {
                        leader = replica;
                        return true;
                    }
                }

                return false;
            },
            timeout);
        Xunit.Assert.True(found, Outputs(replicas));
        return leader!;
    }

    /// <summary>What each replica printed, headed by its name and pid, for a failing test's message.</summary>
    public static string Outputs(IEnumerable<ReplicaProcess> replicas) =>
        string.Join("\n----\n", replicas.Select(r => $"{r.Name} (pid {r.ProcessId}):\n{r.Output}"));

    /// <summary>kill -9.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGSTOP: the process freezes where it is, as a paused VM or a long pause would.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT.</summary>
    public void Thaw() => Signal("CONT");

    /// <summary>The AWS write requests this replica sent at or after <paramref name="since"/> (by their send time).</summary>
    public IReadOnlyList<JsonNode> WritesSentSince(DateTimeOffset since)
    {
        if (!File.Exists(RequestLogFile))
        {
            return [];
        }

        using var stream = new FileStream(RequestLogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var writes = new List<JsonNode>();
        while (reader.ReadLine() is { } line)
        {
            var record = JsonNode.Parse(line)!;
            if ((bool?)record["isWrite"] == true && DateTimeOffset.Parse((string)record["sentAt"]!, System.Globalization.CultureInfo.InvariantCulture) >= since)
            {
                writes.Add(record);
            }
        }

        return writes;
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Thaw();
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        Client.Dispose();
    }
}
