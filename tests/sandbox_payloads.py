"""Template-injection payloads, shared by the rendering, studio and security tests.

Each must be refused by the sandbox, wherever a template is rendered. Jinja's
own template globals (range, dict, lipsum, cycler, joiner, namespace) are
listed by name: a sandbox that left them in place must fail these tests.
"""

import jinja2

INJECTIONS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ persona.__class__.__mro__ }}",
    "{{ persona.__init__.__globals__ }}",
    "{{ persona.due_date.__class__.__subclasses__() }}",
    "{{ ''.join.__self__.__class__ }}",
    "{{ self.__init__.__globals__.__builtins__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ namespace.__init__.__globals__.os.environ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ config.items() }}",
    "{{ request.application.__globals__.__builtins__['__import__']('os') }}",
    "{{ os.system('id') }}",
    "{{ __builtins__ }}",
    "{{ range(10**9)|list }}",
    "{{ persona|attr('__class__') }}",
    "{{ '{0.__class__}'.format(persona) }}",
    "{{ persona.update({'first_name': 'x'}) }}",
    "{{ persona.items }}",
    "{{ today.replace }}",
    "{{ 'a' * 100000000 }}",
    "{{ 9 ** 99999999 }}",
    "{% include '/etc/passwd' %}",
    "{% import 'macros' as m %}",
    "{% extends 'base.html' %}",
    "{% from 'x' import y %}",
]


# What a refusal says, in some words: each payload must hit one of these.
REFUSALS = (
    "unsafe",
    "not allowed",
    "unknown name",
    "include",
    "no filter named",
    "too large",
    "undefined",
    "has no attribute",
)

#: Jinja's default template globals: each is an unknown name in a template.
JINJA_GLOBALS = tuple(sorted(jinja2.Environment().globals))
INJECTIONS += [f"{{{{ {name} }}}}" for name in JINJA_GLOBALS]
