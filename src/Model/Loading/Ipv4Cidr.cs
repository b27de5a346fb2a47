using System.Globalization;

namespace Reconciler.Model.Loading;

/// <summary>An IPv4 CIDR block, for range checks between subnets and their VPC.</summary>
internal readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    private uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    private uint Last => Network | ~Mask;

    /// <summary>Parses <c>a.b.c.d/n</c>; <paramref name="hostBits"/> tells whether bits past the prefix were set (AWS refuses those).</summary>
    public static bool TryParse(string text, out Ipv4Cidr cidr, out bool hostBits)
    {
        cidr = default;
        hostBits = false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            return false;
        }

        var octets = text[..slash].Split('.');
        if (octets.Length != 4)
        {
            return false;
        }

        uint address = 0;
        foreach (var octet in octets)
        {
            if (octet.Length is 0 or > 3 || !byte.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            address = (address << 8) | value;
        }

        var probe = new Ipv4Cidr(address, prefix);
        cidr = probe with { Network = address & probe.Mask };
        hostBits = cidr.Network != address;
        return true;
    }

    public bool Contains(Ipv4Cidr inner) => inner.PrefixLength >= PrefixLength && (inner.Network & Mask) == Network;

    public bool Overlaps(Ipv4Cidr other) => Network <= other.Last && other.Network <= Last;

    public override string ToString() =>
        $"{Network >> 24}.{(Network >> 16) & 255}.{(Network >> 8) & 255}.{Network & 255}/{PrefixLength}";
}
