"""Testing the access rules: checks asked as a page asks them, inside the request memo
(adoptadapt/request_memo.py), and each rule's two readings compared."""

from django.test import RequestFactory

from adoptadapt.request_memo import RequestMemoMiddleware


def answers_in_request(method: str, page) -> list:
    """`page()`'s answers, asked within a request of `method` ("get", "post", ...)."""
    request = getattr(RequestFactory(), method)("/")
    answers = []
    RequestMemoMiddleware(lambda request: answers.extend(page()) or None)(request)
    return answers


# Who the person is taken to be when a rule's two readings are compared.
PEOPLE = ["active", "directory_admin", "deactivated"]


def assert_each_predicate_agrees(person, as_who: str, objects, predicates_and_querysets) -> int:
    """Each predicate (one page's check) allows `person` exactly the `objects` its
    queryset lists, with `person` taken as `as_who` (one of PEOPLE); returns how many
    answers were compared. Both readings take the flags from the person object itself,
    so nothing is saved."""
    person.is_directory_admin = as_who == "directory_admin"
    person.is_active = as_who != "deactivated"
    pks = [obj.pk for obj in objects]
    compared = 0
    for predicate, listed in predicates_and_querysets:
        expected = set(listed(person).filter(pk__in=pks).values_list("pk", flat=True))
        answered = {obj.pk for obj in objects if predicate(person, obj)}
        assert answered == expected, predicate.name
        if as_who == "deactivated":
            assert not answered, predicate.name
        compared += len(objects)
    return compared
