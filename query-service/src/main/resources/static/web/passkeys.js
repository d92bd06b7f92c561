// Passkeys on the sign-in page (#passkey-sign-in) and the passkey page (#passkey-register), with Spring Security's
// WebAuthn script (/login/webauthn.js, loaded before this one). The CSRF header comes from the passkey section's
// data-csrf-header and data-csrf-token. Without JavaScript or WebAuthn the passkey parts stay hidden.
(function () {
    'use strict';

    function csrfHeaders(section) {
        var headers = {};
        var name = section.getAttribute('data-csrf-header');
        var token = section.getAttribute('data-csrf-token');
        if (name && token) {
            headers[name] = token;
        }
        return headers;
    }

    document.addEventListener('DOMContentLoaded', function () {
        var section = document.getElementById('passkey-section');
        if (!section || !window.PublicKeyCredential) {
            return;
        }
        var signIn = document.getElementById('passkey-sign-in');
        if (signIn && window.setupLogin) {
            section.hidden = false;
            window.setupLogin(csrfHeaders(section), '', signIn);
        }
        var register = document.getElementById('passkey-register');
        if (register && window.setupRegistration) {
            section.hidden = false;
            window.setupRegistration(csrfHeaders(section), '', {
                getRegisterButton: function () {
                    return register;
                },
                getSuccess: function () {
                    return document.getElementById('passkey-success');
                },
                getError: function () {
                    return document.getElementById('passkey-error');
                },
                getLabelInput: function () {
                    return document.getElementById('passkey-label');
                },
                getDeleteForms: function () {
                    return [];
                }
            });
        }
    });
}());
