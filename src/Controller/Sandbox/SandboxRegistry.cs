using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Reconciler.Controller.Sandbox;

/// <summary>
/// Keeps one detached moto sandbox per state file for <c>reconciler sandbox up</c> /
/// <c>sandbox down</c>: <see cref="UpAsync"/> starts a moto that outlives the command and
/// records {endpoint, pid, accountId} in the state file; later commands find it with
/// <see cref="TryGetRunning"/>; <see cref="DownAsync"/> stops it. A state file whose process
/// is gone (a reboot, a kill) counts as no sandbox.
/// </summary>
public sealed class SandboxRegistry
{
    /// <summary>The variable that moves the state file.</summary>
    public const string StateFileVariable = "RECONCILER_SANDBOX_FILE";

    // $1 = log file, the rest = the moto command. setsid puts moto in its own session so the
    // terminal's Ctrl+C and the end of this command leave it running; it prints moto's pid.
    private const string DetachScript =
        """
        log=$1; shift
        if command -v setsid >/dev/null 2>&1; then
          setsid "$@" >"$log" 2>&1 </dev/null &
        else
          nohup "$@" >"$log" 2>&1 </dev/null &
        fi
        echo $!
        """;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly MotoServerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a registry.</summary>
    /// <param name="stateFile">The state file; null for RECONCILER_SANDBOX_FILE, else .reconciler/sandbox.json under the current directory.</param>
    /// <param name="options">How to start moto (executable, timeout); the account id is given to <see cref="UpAsync"/>.</param>
    /// <param name="time">Clock for the start time; the system clock when null.</param>
    public SandboxRegistry(string? stateFile = null, MotoServerOptions? options = null, TimeProvider? time = null)
    {
        StateFile = Path.GetFullPath(
            stateFile
            ?? NonEmpty(Environment.GetEnvironmentVariable(StateFileVariable))
            ?? Path.Combine(".reconciler", "sandbox.json"));
        _options = options ?? new MotoServerOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The absolute path of the state file.</summary>
    public string StateFile { get; }

    /// <summary>moto's output goes here, beside the state file.</summary>
    public string LogFile => Path.ChangeExtension(StateFile, ".log");

    /// <summary>
    /// Starts a detached moto for <paramref name="accountId"/> and records it; when one is
    /// already running for that account, returns it unchanged.
    /// </summary>
    /// <exception cref="InvalidOperationException">A sandbox for another account is running.</exception>
    /// <exception cref="MotoServerException">moto_server is not installed or does not start.</exception>
    public async Task<SandboxInfo> UpAsync(string accountId = "123456789012", CancellationToken cancellationToken = default)
    {
        var options = _options with { AccountId = accountId };
        options.ThrowIfInvalid();

        if (TryGetRunning() is { } running)
        {
            return running.AccountId == accountId
                ? running
                : throw new InvalidOperationException(
                    $"A sandbox for account {running.AccountId} is already running at {running.Endpoint} (state file {StateFile}); run 'reconciler sandbox down' first.");
        }

        var executable = MotoProcess.ResolveExecutable(options.Executable);
        Directory.CreateDirectory(Path.GetDirectoryName(StateFile)!);
        // A free port can be taken between finding and binding it; moto then exits at once, so try again.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : MotoProcess.FindFreePort();
            var endpoint = new Uri($"http://{MotoProcess.Host}:{port}/");
            var pid = await StartDetachedAsync(executable, accountId, port, cancellationToken).ConfigureAwait(false);
            try
            {
                await MotoProcess.WaitUntilReadyAsync(endpoint, () => !MotoProcess.IsAlive(pid), ReadLog, options.StartupTimeout, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (MotoServerException) when (options.Port == 0 && attempt < 3 && !MotoProcess.IsAlive(pid))
            {
                continue;
            }
            catch
            {
                await MotoProcess.KillAsync(pid, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            var info = new SandboxInfo(endpoint, pid, accountId, _time.GetUtcNow());
            Write(info);
            return info;
        }
    }

    /// <summary>
    /// Stops the recorded sandbox and removes the state file. Returns false when no sandbox
    /// was running (no file, or a stale one, which is removed too).
    /// </summary>
    public async Task<bool> DownAsync(CancellationToken cancellationToken = default)
    {
        var recorded = Read();
        if (recorded is null)
        {
            return false;
        }

        var wasRunning = MotoProcess.IsAlive(recorded.ProcessId, mustBeMoto: true);
        if (wasRunning)
        {
            await MotoProcess.KillAsync(recorded.ProcessId, cancellationToken).ConfigureAwait(false);
        }

        File.Delete(StateFile);
        return wasRunning;
    }

    /// <summary>
    /// Records a sandbox another command started for itself (<c>run --sandbox</c>) while it runs, so
    /// <c>status</c> and <c>rollout status</c> in another terminal find it as they find one from
    /// <c>sandbox up</c>. Nothing is recorded when a sandbox is already running (that one stays the
    /// one later commands use). Disposing the handle removes the record if it is still this one.
    /// </summary>
    public IDisposable Announce(SandboxInfo info)
    {
        if (TryGetRunning() is not null)
        {
            return new Announcement(null);
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(StateFile))!);
            Write(info);
            return new Announcement(() =>
            {
                if (Read() is { } recorded && recorded.ProcessId == info.ProcessId)
                {
                    File.Delete(StateFile);
                }
            });
        }
        catch (IOException)
        {
            // A read-only working folder: the sandbox still runs, later commands just don't find it.
            return new Announcement(null);
        }
        catch (UnauthorizedAccessException)
        {
            return new Announcement(null);
        }
    }

    /// <summary>The running sandbox, or null when there is none (no state file, unreadable, or its process is gone).</summary>
    public SandboxInfo? TryGetRunning()
    {
        var recorded = Read();
        return recorded is not null && MotoProcess.IsAlive(recorded.ProcessId, mustBeMoto: true) ? recorded : null;
    }

    private SandboxInfo? Read()
    {
        try
        {
            return JsonSerializer.Deserialize<SandboxInfo>(File.ReadAllText(StateFile), JsonOptions);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            // A half-written or hand-edited file: treat as no sandbox; DownAsync cannot use it either.
            return null;
        }
    }

    // Written to a temporary file and moved, so a reader never sees half a file.
    private void Write(SandboxInfo info)
    {
        var temporary = StateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(info, JsonOptions));
        File.Move(temporary, StateFile, overwrite: true);
    }

    private string ReadLog()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, lines.TakeLast(40));
        }
        catch (IOException)
        {
            return "(no output)";
        }
    }

    private async Task<int> StartDetachedAsync(string executable, string accountId, int port, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("'reconciler sandbox up' needs a Unix shell; on Windows use --sandbox, which runs moto for one command.");
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(DetachScript);
        start.ArgumentList.Add("moto-sandbox");
        start.ArgumentList.Add(LogFile);
        start.ArgumentList.Add(executable);
        foreach (var argument in MotoProcess.ServerArguments(port))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MOTO_ACCOUNT_ID"] = accountId;

        using var shell = Process.Start(start) ?? throw new MotoServerException(MotoProcess.NotFoundMessage);
        var printed = await shell.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var errors = await shell.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await shell.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (!int.TryParse(printed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            throw new MotoServerException($"Could not start moto_server in the background: {errors.Trim()}");
        }

        return pid;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private sealed class Announcement(System.Action? remove) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                remove?.Invoke();
            }
            catch (IOException)
            {
                // Left behind, it reads as stale once moto is gone.
            }
        }
    }
}
