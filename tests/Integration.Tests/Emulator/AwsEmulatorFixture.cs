using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Sandbox;
using Testcontainers.LocalStack;

namespace Reconciler.Integration.Tests.Emulator;

/// <summary>
/// An AWS emulator for one test class (use as IClassFixture): by default a moto_server child
/// process on a free loopback port, for account <see cref="MotoAccountId"/>. With
/// RECONCILER_EMULATOR=localstack it starts LocalStack through Testcontainers instead, which
/// needs Docker; LocalStack reports account 000000000000 for the dummy credentials.
/// Credentials are testing/testing; emulators do not check them.
/// </summary>
public sealed class AwsEmulatorFixture : IAsyncLifetime
{
    /// <summary>The account moto is started for (MOTO_ACCOUNT_ID).</summary>
    public const string MotoAccountId = "123456789012";

    /// <summary>The variable that picks the emulator: unset or "moto" for moto, "localstack" for LocalStack.</summary>
    public const string EmulatorVariable = "RECONCILER_EMULATOR";

    /// <summary>The LocalStack image used with RECONCILER_EMULATOR=localstack.</summary>
    public const string LocalStackImage = "localstack/localstack:4.0";

    private MotoServer? _moto;
    private LocalStackContainer? _localStack;
    private AwsEnvironment? _environment;

    /// <summary>Settings pointing every client at the emulator.</summary>
    public AwsEnvironment Environment => _environment ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>Where the emulator listens (every service at one URL).</summary>
    public Uri Endpoint => Environment.EndpointUrl ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>The account the emulator reports.</summary>
    public string AccountId { get; private set; } = MotoAccountId;

    /// <summary>The moto server, when moto is the emulator (for <see cref="MotoServer.ResetAsync"/>).</summary>
    public MotoServer? Moto => _moto;

    /// <summary>A client factory on the emulator with its own request log; dispose it after the test.</summary>
    public AwsClientFactory CreateFactory(TimeProvider? time = null) => new(Environment, new AwsRequestLog(time), time);

    /// <summary>
    /// Forgets every resource the emulator holds, so tests sharing the fixture start clean:
    /// moto's POST /moto-api/reset, LocalStack's POST /_localstack/state/reset.
    /// </summary>
    public async Task ResetAsync()
    {
        if (_moto is not null)
        {
            await _moto.ResetAsync();
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(new Uri(Endpoint, "/_localstack/state/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    public async Task InitializeAsync()
    {
        var credentials = new BasicAWSCredentials("testing", "testing");
        if (string.Equals(System.Environment.GetEnvironmentVariable(EmulatorVariable), "localstack", StringComparison.OrdinalIgnoreCase))
        {
            _localStack = new LocalStackBuilder(LocalStackImage).Build();
            await _localStack.StartAsync();
            AccountId = "000000000000";
            _environment = AwsEnvironment.ForEndpoint(new Uri(_localStack.GetConnectionString()), "us-east-1", credentials);
            return;
        }

        _moto = await MotoServer.StartAsync(MotoAccountId);
        _environment = AwsEnvironment.ForEndpoint(_moto.Endpoint, "us-east-1", credentials);
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }

        if (_localStack is not null)
        {
            await _localStack.DisposeAsync();
        }
    }
}
