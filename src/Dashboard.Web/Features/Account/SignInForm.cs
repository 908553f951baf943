using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Features.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your user name.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";
}

public sealed class SetupForm
{
    [Required(ErrorMessage = "Enter the setup code from the server log.")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Choose a user name.")]
    [StringLength(64)]
    public string UserName { get; set; } = "admin";

    [Required(ErrorMessage = "Choose a password.")]
    [MinLength(8, ErrorMessage = "A password needs at least 8 characters.")]
    public string Password { get; set; } = "";
}
