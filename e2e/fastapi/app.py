"""A small FastAPI app written the way FastAPI users write theirs.

`cargo xtask e2e` runs it with uvicorn on a free loopback port, generates a Rust client from its
live `/openapi.json` (OpenAPI 3.1.0, written by FastAPI, not by us) and runs
`client_tests.rs` against it. Everything is kept in memory; tests create what they read.
"""

import hashlib
import itertools
import secrets
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Literal, Optional, Union

from fastapi import (
    Cookie,
    Depends,
    FastAPI,
    File,
    Form,
    Header,
    HTTPException,
    Path,
    Query,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import JSONResponse
from fastapi.security import (
    APIKeyHeader,
    HTTPBasic,
    HTTPBasicCredentials,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
)
from pydantic import BaseModel, Field

app = FastAPI(title="FastAPI e2e", version="1.0.0")

# Credentials the client tests use.
USERS = {"alice": "wonderland"}
API_KEY = "e2e-api-key"


class Species(str, Enum):
    dog = "dog"
    cat = "cat"
    bird = "bird"


class Owner(BaseModel):
    name: str
    email: Optional[str] = None


class PetIn(BaseModel):
    name: str = Field(min_length=1, max_length=40, examples=["Rex"])
    species: Species
    age: Optional[int] = Field(default=None, ge=0)
    birthday: Optional[date] = None
    tags: list[str] = []
    owner: Optional[Owner] = None


class Pet(PetIn):
    id: int


class PetUpdate(BaseModel):
    """A partial update: every field optional, `None` by default, as FastAPI's tutorial writes it."""

    name: Optional[str] = Field(default=None, min_length=1, max_length=40)
    age: Optional[int] = Field(default=None, ge=0)
    birthday: Optional[date] = None
    tags: Optional[list[str]] = None
    owner: Optional[Owner] = None


class Message(BaseModel):
    detail: str


class Cat(BaseModel):
    kind: Literal["cat"]
    name: str
    lives: int = 9


class Dog(BaseModel):
    kind: Literal["dog"]
    name: str
    good_boy: bool


class Bird(BaseModel):
    kind: Literal["bird"]
    name: str
    wingspan_cm: Optional[float] = None


Animal = Annotated[Union[Cat, Dog, Bird], Field(discriminator="kind")]


class Adoption(BaseModel):
    animal: Animal
    adopter: str


class Token(BaseModel):
    access_token: str
    token_type: str


class User(BaseModel):
    username: str
    scopes: list[str]


class Echo(BaseModel):
    request_id: str
    user_agent: Optional[str]
    session: Optional[str]
    theme: Optional[str]


class Upload(BaseModel):
    filename: str
    content_type: Optional[str]
    size: int
    sha256: str
    description: str
    public: bool


class Stats(BaseModel):
    pets: int
    by_species: dict[str, int]


PETS: dict[int, Pet] = {}
IDS = itertools.count(1)
TOKENS: dict[str, User] = {}

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
api_key_header = APIKeyHeader(name="X-API-Key")
basic = HTTPBasic()


def current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    user = TOKENS.get(token)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Invalid token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


def admin(key: Annotated[str, Depends(api_key_header)]) -> None:
    if not secrets.compare_digest(key, API_KEY):
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Wrong API key")


@app.post("/token", response_model=Token, tags=["auth"])
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    """The OAuth2 password flow: form fields in, a bearer token out."""
    if USERS.get(form.username) != form.password:
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    token = secrets.token_hex(16)
    TOKENS[token] = User(username=form.username, scopes=form.scopes)
    return Token(access_token=token, token_type="bearer")


@app.get("/users/me", response_model=User, tags=["auth"])
def read_me(user: Annotated[User, Depends(current_user)]) -> User:
    return user


@app.get(
    "/basic/me",
    response_model=User,
    tags=["auth"],
    responses={401: {"model": Message, "description": "Wrong or missing credentials"}},
)
def read_basic(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]) -> User:
    if USERS.get(credentials.username) != credentials.password:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Basic"},
        )
    return User(username=credentials.username, scopes=[])


@app.post("/pets", response_model=Pet, status_code=status.HTTP_201_CREATED, tags=["pets"])
def create_pet(pet: PetIn, user: Annotated[User, Depends(current_user)]) -> Pet:
    created = Pet(id=next(IDS), **pet.model_dump())
    PETS[created.id] = created
    return created


@app.get("/pets", response_model=list[Pet], tags=["pets"])
def list_pets(
    species: Annotated[list[Species], Query()] = [],
    tag: Annotated[Optional[list[str]], Query()] = None,
    name_prefix: Optional[str] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[Pet]:
    """Filters by any of several species and by every given tag."""
    found = [
        p
        for p in PETS.values()
        if (not species or p.species in species)
        and all(t in p.tags for t in tag or [])
        and (name_prefix is None or p.name.startswith(name_prefix))
    ]
    return found[:limit]


@app.get(
    "/pets/{pet_id}",
    response_model=Pet,
    tags=["pets"],
    responses={404: {"model": Message, "description": "No such pet"}},
)
def get_pet(pet_id: Annotated[int, Path(ge=1)]) -> Pet:
    if pet_id not in PETS:
        raise HTTPException(status_code=404, detail=f"Pet {pet_id} not found")
    return PETS[pet_id]


@app.patch(
    "/pets/{pet_id}",
    response_model=Pet,
    tags=["pets"],
    responses={404: {"model": Message, "description": "No such pet"}},
)
def update_pet(pet_id: int, update: PetUpdate, user: Annotated[User, Depends(current_user)]) -> Pet:
    """Partial update, as FastAPI's "Body - Updates" tutorial writes it: only the fields the client
    sent change (`exclude_unset`), so a field sent as `null` is cleared and an absent one is kept."""
    if pet_id not in PETS:
        raise HTTPException(status_code=404, detail=f"Pet {pet_id} not found")
    update_data = update.model_dump(exclude_unset=True)
    PETS[pet_id] = PETS[pet_id].model_copy(update=update_data)
    return PETS[pet_id]


@app.delete(
    "/pets/{pet_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["pets"],
    responses={404: {"model": Message}},
)
def delete_pet(pet_id: int, user: Annotated[User, Depends(current_user)]) -> Response:
    if PETS.pop(pet_id, None) is None:
        raise HTTPException(status_code=404, detail=f"Pet {pet_id} not found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@app.post("/adoptions", response_model=Adoption, tags=["pets"])
def adopt(adoption: Adoption) -> Adoption:
    """A `Literal`-tagged union inside the body, echoed back with the defaults filled in."""
    return adoption


@app.post("/animals/classify", response_model=Animal, tags=["pets"])
def classify(
    name: Annotated[str, Query(min_length=1)],
    kind: Annotated[Literal["cat", "dog", "bird"], Query()],
) -> Union[Cat, Dog, Bird]:
    """A `Literal`-tagged union as the whole answer."""
    if kind == "cat":
        return Cat(kind="cat", name=name)
    if kind == "dog":
        return Dog(kind="dog", name=name, good_boy=True)
    return Bird(kind="bird", name=name, wingspan_cm=None)


@app.get("/echo", response_model=Echo, tags=["misc"])
def echo(
    x_request_id: Annotated[str, Header()],
    user_agent: Annotated[Optional[str], Header()] = None,
    session: Annotated[Optional[str], Cookie()] = None,
    theme: Annotated[Optional[str], Cookie()] = None,
) -> Echo:
    """Headers and cookies, read back."""
    return Echo(request_id=x_request_id, user_agent=user_agent, session=session, theme=theme)


@app.post("/uploads", response_model=Upload, tags=["misc"])
async def upload(
    file: Annotated[UploadFile, File(description="Any file")],
    description: Annotated[str, Form()],
    public: Annotated[bool, Form()] = False,
) -> Upload:
    """A multipart upload with form fields beside the file."""
    data = await file.read()
    return Upload(
        filename=file.filename or "",
        content_type=file.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        description=description,
        public=public,
    )


@app.post("/feedback", response_model=Message, tags=["misc"])
def feedback(
    rating: Annotated[int, Form(ge=1, le=5)],
    comment: Annotated[Optional[str], Form()] = None,
) -> Message:
    """URL-encoded form fields with a constraint FastAPI checks (a 422 below 1 or above 5)."""
    return Message(detail=f"{rating}:{comment or ''}")


class Event(BaseModel):
    id: int
    kind: str
    created_at: datetime


class Counter(BaseModel):
    count: int


@app.get("/events/latest", response_model=Event, tags=["misc"])
def latest_event() -> Event:
    """`created_at` from a naive `datetime`, as `datetime.utcnow()` or a database column without
    a time zone gives it: pydantic writes it without an offset."""
    return Event(id=1, kind="created", created_at=datetime(2024, 1, 2, 3, 4, 5, 400000))


@app.get("/counter", response_model=Counter, tags=["misc"])
def counter() -> JSONResponse:
    """A count computed as a float, as Python code often does: `2.0` on the wire for an `int`."""
    return JSONResponse(content={"count": 4 / 2})


@app.get("/admin/stats", response_model=Stats, tags=["admin"], dependencies=[Depends(admin)])
def stats() -> Stats:
    by_species: dict[str, int] = {}
    for pet in PETS.values():
        by_species[pet.species.value] = by_species.get(pet.species.value, 0) + 1
    return Stats(pets=len(PETS), by_species=by_species)
