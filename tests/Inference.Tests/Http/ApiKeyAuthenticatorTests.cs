using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Http;
using Reconciler.Inference.Keys;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

public sealed class ApiKeyAuthenticatorTests
{
    private readonly ApiKeyAuthenticator _authenticator = new(new ApiKeyStore(Options.Create(new AuthOptions
    {
        Keys =
        [
            new ApiKeyOptions { Name = "blue-team", Sha256 = TestSettings.Hash("key-one") },
            new ApiKeyOptions { Name = "green-team", Sha256 = TestSettings.Hash("key-two").ToUpperInvariant() },
        ],
    })));

    [Theory]
    [InlineData("key-one", "blue-team")]
    [InlineData("key-two", "green-team")]
    [InlineData("key-three", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Authenticate_ReturnsTheNameOfTheMatchingKeyOnly(string? presented, string? expected) =>
        Assert.Equal(expected, _authenticator.Authenticate(presented));

    [Fact]
    public void Authenticate_VeryLongKey_IsRefusedWithoutError() =>
        Assert.Null(_authenticator.Authenticate(new string('k', 10_000)));
}
