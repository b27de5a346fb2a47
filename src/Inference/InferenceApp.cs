using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Http;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Lambda;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference;

/// <summary>Builds the service. Program, the tests and the benchmark all start it through here.</summary>
public static class InferenceApp
{
    /// <summary>Creates the application; <paramref name="configure"/> may change the builder (tests set ports and settings).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot(args) });
        configure?.Invoke(builder);

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);

        AddOptions(builder);
        AddServices(builder.Services);
        if (IsLambda(builder.Configuration))
        {
            // One code path: the Lambda runtime loop replaces Kestrel and feeds the same pipeline.
            builder.Services.AddSingleton<IServer, LambdaRuntimeServer>();
        }

        var app = builder.Build();
        app.UseMiddleware<UnhandledErrorMiddleware>();
        app.UseMiddleware<ModelHeaders>();
        app.UseStatusCodePages(context => ErrorResponse.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode,
            $"no route for {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}"));
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        InferenceEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// The application's folder (where appsettings.json and the models are published), unless a
    /// content root is given (--contentRoot, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT; test
    /// hosts give one). The framework's default, the current directory, made
    /// <c>dotnet path/to/Reconciler.Inference.dll</c> from any other folder start without its settings.
    /// </summary>
    internal static string? ContentRoot(string[] args) => GivenContentRoot(args) is null ? AppContext.BaseDirectory : null;

    /// <summary>Where settings come from, for error messages.</summary>
    internal static string SettingsDescription(string[] args) =>
        $"{Path.Combine(GivenContentRoot(args) ?? AppContext.BaseDirectory, "appsettings.json")}, appsettings.{{Environment}}.json beside it, environment variables and arguments";

    /// <summary>
    /// Checks every setting validated at start-up now, before the host starts, so bad settings
    /// surface as <see cref="OptionsValidationException"/> to the caller instead of as the
    /// host's own error log with its stack traces.
    /// </summary>
    /// <exception cref="OptionsValidationException">Some setting is invalid; <see cref="OptionsValidationException.Failures"/> says which.</exception>
    public static void ValidateSettings(WebApplication app)
    {
        var failures = new List<string>();
        void Check<T>()
            where T : class
        {
            try
            {
                _ = app.Services.GetRequiredService<IOptions<T>>().Value;
            }
            catch (OptionsValidationException e)
            {
                failures.AddRange(e.Failures.Except(failures));
            }
        }

        Check<InferenceOptions>();
        Check<AuthOptions>();
        Check<SecretsManagerClientOptions>();
        Check<HostingOptions>();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException("settings", typeof(InferenceOptions), failures);
        }
    }

    private static string? GivenContentRoot(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey] is { Length: > 0 } root
            ? root
            : null;

    private static void AddOptions(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.SectionName)).ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddOptions<S3ClientOptions>().Bind(configuration.GetSection(S3ClientOptions.SectionName));
        services.AddOptions<SecretsManagerClientOptions>().Bind(configuration.GetSection(SecretsManagerClientOptions.SectionName)).ValidateOnStart();
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IValidateOptions<SecretsManagerClientOptions>, SecretsManagerClientOptionsValidator>();
        services.AddSingleton<IValidateOptions<HostingOptions>, HostingOptionsValidator>();
    }

    private static void AddServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<InferenceMetrics>();
        services.AddSingleton<ModelRepository>();
        services.AddSingleton<InferenceRunner>();
        services.AddSingleton<DynamicBatcher>();
        services.AddSingleton<InferenceExecutor>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ItemRateLimiter>();
        services.AddSingleton<MetadataHandler>();
        services.AddSingleton<InferenceHandler>();
        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<S3ClientOptions>>().Value));
        services.AddSingleton<S3ModelSource>();
        services.AddHostedService<ModelLoader>();
        services.AddSingleton<ApiKeySecretLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeySecretLoader>());
    }

    /// <summary>Lambda mode: asked for in Hosting:Mode, or implied by AWS_LAMBDA_RUNTIME_API as in a provided.al2023 runtime.</summary>
    internal static bool IsLambda(IConfiguration configuration)
    {
        var mode = configuration[$"{HostingOptions.SectionName}:Mode"];
        return mode is null
            ? !string.IsNullOrEmpty(RuntimeApi(configuration))
            : string.Equals(mode, HostingModes.Lambda, StringComparison.Ordinal);
    }

    internal static string? RuntimeApi(IConfiguration configuration) =>
        configuration[$"{HostingOptions.SectionName}:LambdaRuntimeApi"] is { Length: > 0 } configured
            ? configured
            : Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
}
