// Live pages: the element with data-live-url (the body or <main>) names the debate's event stream
// (GET /web/debates/{id}/live?since=<the sequence the page shows>). On each "changed" event the page's <main> is
// fetched again and swapped in, keeping the focused element and the scroll position. A form inside <main> with
// unsent edits is never thrown away: the page then says that the debate changed and offers a button to refresh.
// Without JavaScript, or without EventSource, the page is simply not live. A page showing the past (asOf,
// atSequence) does not change and is not followed.
(function () {
    'use strict';

    var host = document.querySelector('[data-live-url]');
    var params = new URLSearchParams(window.location.search);
    if (!host || !window.EventSource || !window.fetch || params.has('asOf') || params.has('atSequence')) {
        return;
    }

    var refreshing = false;
    var again = false;
    var notice = null;

    function edited(main) {
        var fields = main.querySelectorAll('input, textarea, select');
        for (var i = 0; i < fields.length; i++) {
            var field = fields[i];
            if (field.type === 'hidden' || field.type === 'submit' || field.type === 'button') {
                continue;
            }
            if (field.type === 'checkbox' || field.type === 'radio') {
                if (field.checked !== field.defaultChecked) {
                    return true;
                }
            } else if (field.tagName === 'SELECT') {
                for (var j = 0; j < field.options.length; j++) {
                    if (field.options[j].selected !== field.options[j].defaultSelected) {
                        return true;
                    }
                }
            } else if (field.value !== field.defaultValue) {
                return true;
            }
        }
        return false;
    }

    function showNotice() {
        if (notice) {
            return;
        }
        notice = document.createElement('div');
        notice.className = 'live-notice';
        notice.setAttribute('role', 'status');
        var text = document.createElement('span');
        text.textContent = 'This debate has changed. ';
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Show the changes';
        button.addEventListener('click', function () {
            notice.remove();
            notice = null;
            refresh(true);
        });
        notice.appendChild(text);
        notice.appendChild(button);
        document.body.insertBefore(notice, document.body.firstChild);
    }

    function swap(html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
        var current = document.querySelector('main');
        if (!fresh || !current) {
            return;
        }
        var focusedId = document.activeElement && current.contains(document.activeElement) ? document.activeElement.id : null;
        var x = window.scrollX;
        var y = window.scrollY;
        current.replaceWith(fresh);
        if (focusedId) {
            var target = document.getElementById(focusedId);
            if (target) {
                target.focus({preventScroll: true});
            }
        }
        window.scrollTo(x, y);
        document.dispatchEvent(new CustomEvent('ledger:refreshed', {detail: {main: fresh}}));
    }

    function refresh(evenIfEdited) {
        var main = document.querySelector('main');
        if (!main) {
            return;
        }
        if (!evenIfEdited && edited(main)) {
            showNotice();
            return;
        }
        if (refreshing) {
            again = true;
            return;
        }
        refreshing = true;
        fetch(window.location.href, {headers: {'Accept': 'text/html'}, credentials: 'same-origin'})
            .then(function (response) {
                return response.ok ? response.text() : null;
            })
            .then(function (html) {
                if (html) {
                    swap(html);
                }
            })
            .catch(function () {
                // the next change tries again
            })
            .then(function () {
                refreshing = false;
                if (again) {
                    again = false;
                    refresh(false);
                }
            });
    }

    var source = new EventSource(host.getAttribute('data-live-url'));
    source.addEventListener('changed', function () {
        refresh(false);
    });
}());
