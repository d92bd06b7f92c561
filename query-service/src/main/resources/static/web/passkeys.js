// Passkeys on the sign-in page (#passkey-sign-in) and the passkey page (#passkey-register), with Spring Security's
// WebAuthn script (/login/webauthn.js, loaded before this one). The CSRF header comes from the page's
// <meta name="_csrf_header"> and <meta name="_csrf">. Without JavaScript or WebAuthn the passkey parts stay hidden.
(function () {
    'use strict';

    function meta(name) {
        var element = document.querySelector('meta[name="' + name + '"]');
        return element ? element.getAttribute('content') : null;
    }

    function csrfHeaders() {
        var headers = {};
        var name = meta('_csrf_header');
        var token = meta('_csrf');
        if (name && token) {
            headers[name] = token;
        }
        return headers;
    }

    document.addEventListener('DOMContentLoaded', function () {
        if (!window.PublicKeyCredential) {
            return;
        }
        var signIn = document.getElementById('passkey-sign-in');
        if (signIn && window.setupLogin) {
            document.getElementById('passkey-section').hidden = false;
            window.setupLogin(csrfHeaders(), '', signIn);
        }
        var register = document.getElementById('passkey-register');
        if (register && window.setupRegistration) {
            document.getElementById('passkey-section').hidden = false;
            window.setupRegistration(csrfHeaders(), '', {
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
