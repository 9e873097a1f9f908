using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>
/// Setting up the authenticator app (TOTP). An administrator whose password was right but who
/// has no second factor yet carries a short-lived, encrypted "pending" cookie to the set-up
/// page, and is signed in only after confirming a code.
/// </summary>
public sealed class TwoFactorEnrolment(IDataProtectionProvider protection, IWebHostEnvironment env, UserManager<ApplicationUser> users)
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Samverka.TwoFactorEnrolment").ToTimeLimitedDataProtector();

    private string CookieName => env.IsDevelopment() ? "samverka.enrol" : "__Host-samverka.enrol";

    public void Begin(HttpContext http, Guid userId) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect(userId.ToString(), PendingLifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = !env.IsDevelopment() || http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = PendingLifetime,
        });

    public async Task<ApplicationUser?> PendingUserAsync(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            return await users.FindByIdAsync(_protector.Unprotect(value));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", Secure = !env.IsDevelopment() || http.Request.IsHttps });

    /// <summary>The user's authenticator key (created if missing), formatted for typing, and a QR code as a data URI.</summary>
    public async Task<(string Key, string QrDataUri)> KeyAsync(ApplicationUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var uri = $"otpauth://totp/Samverka:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}?secret={key}&issuer=Samverka&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        var grouped = string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
        return (grouped, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    public async Task<bool> ConfirmAsync(ApplicationUser user, string code)
    {
        code = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return true;
    }
}
