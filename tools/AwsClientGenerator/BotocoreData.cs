using System.Diagnostics;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>Finds botocore's data folder (the service models): BOTOCORE_DATA, else the installed botocore package.</summary>
internal static class BotocoreData
{
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("BOTOCORE_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }

        var start = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start) ?? throw new GeneratorException("python3 did not start; set BOTOCORE_DATA to botocore's data folder.");
        var output = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        if (python.ExitCode != 0 || output.Length == 0)
        {
            throw new GeneratorException("botocore is not installed for python3 (pip install botocore); or set BOTOCORE_DATA to its data folder.");
        }

        return Path.Combine(output, "data");
    }
}
