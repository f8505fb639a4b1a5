import Inspection
import Testing

/// 等保 2.0 level 3 password complexity, one rule for the CLI and the web.
@Suite struct PasswordPolicyTests {
    @Test(arguments: ["Liancha-2026", "yj-pass-123", "ABCdef12", "密码Ab12345", "Zz9zz9zz"])
    func strongPasswordsPass(password: String) {
        #expect(PasswordPolicy.problem(with: password, account: "liming") == nil)
    }

    @Test(arguments: ["Ab1-x", "abcdefgh", "abcdefg1", "ABCDEFG!", "12345678", "password1", "another-pass"])
    func shortOrSimplePasswordsAreRefused(password: String) {
        #expect(PasswordPolicy.problem(with: password, account: "liming") != nil)
    }

    @Test func thePasswordMayNotBeTheAccountName() {
        #expect(PasswordPolicy.problem(with: "LiMing-2026", account: "liming") != nil)
        #expect(PasswordPolicy.problem(with: "Zhao-2026!", account: "liming") == nil)
    }
}
